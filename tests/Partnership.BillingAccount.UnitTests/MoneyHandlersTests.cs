using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.BillingAccount.Accounts.Charging;
using Partnership.BillingAccount.Accounts.Paying;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.Testing;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;

namespace Partnership.BillingAccount.UnitTests;

/// <summary>
/// RecordCharge and PayOutstanding around their deciders, on an in-memory store: where the request ID is remembered,
/// that a retry after a move, a concurrent twin and a crash between the two appends each count once, and that refused
/// input changes nothing.
/// </summary>
public class MoneyHandlersTests
{
    private readonly InMemoryEventStore _store = new();
    private readonly CommandHandler _commands;
    private readonly ChargeAccruals _accruals;

    public MoneyHandlersTests()
    {
        _commands = new CommandHandler(_store);
        _accruals = new ChargeAccruals(_commands, Options.Create(new BillingOptions()));
        _store.Seed(BillingAccountIds.Stream(CustomerPersonal), new PersonalAccountOpened(CustomerPersonal, Customer, 100m, "RUB", Now));
        _store.Seed(BillingAccountIds.Stream(Subaccount), new SubaccountOpened(Subaccount, Partner, Customer, CustomerId, Now),
            new SubaccountActivated(Now));
        _store.Seed(CloudIds.Stream(CloudId), Created);
    }

    private Task<CommandResult<BillingAccountRecord>> Charge(string requestId, string amount) =>
        new RecordChargeHandler(_commands, _accruals, TimeProvider.System).Handle(requestId, CloudId, amount, CancellationToken.None);

    private Task<CommandResult<BillingAccountRecord>> Pay(string? amount, string? reference, long? expectedVersion = null) =>
        new PayOutstandingHandler(_commands, Options.Create(new BillingOptions()), TimeProvider.System)
            .Handle(Customer, CustomerPersonal, amount, reference, expectedVersion, CancellationToken.None);

    private async Task<BillingAccountRecord> Account(string id) =>
        (await _commands.Load<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(id), CancellationToken.None)).State;

    private int Accrued(string id) => _store.Events(BillingAccountIds.Stream(id)).OfType<ChargeAccruedV2>().Count();

    private void MoveCloudTo(string billingAccountId) =>
        _store.Seed(CloudIds.Stream(CloudId), new CloudMoved(CustomerPersonal, billingAccountId, Customer, 0m, "RUB", Now.AddHours(1)));

    [Fact]
    public async Task The_same_charge_sent_twice_counts_once_and_answers_the_same()
    {
        var first = await Charge("meter-1", "130");
        var retry = await Charge("meter-1", "130");
        Assert.Equal(30m, first.State.Outstanding);
        Assert.Equal((first.State.Outstanding, first.State.InitialGrant, first.Version), (retry.State.Outstanding, retry.State.InitialGrant, retry.Version));
        Assert.Equal(1, Accrued(CustomerPersonal));
        Assert.Single(_store.Events(ChargeRequestIds.Stream("meter-1")));
    }

    [Fact]
    public async Task A_retry_after_the_cloud_moved_still_counts_once_on_the_account_first_charged()
    {
        await Charge("meter-1", "130");
        MoveCloudTo(Subaccount);
        var retry = await Charge("meter-1", "130");
        Assert.Equal(CustomerPersonal, retry.State.BillingAccountId);
        Assert.Equal(1, Accrued(CustomerPersonal));
        Assert.Equal(0, Accrued(Subaccount));
        Assert.Equal(10m, (await Charge("meter-2", "10")).State.Outstanding);
        Assert.Equal(1, Accrued(Subaccount));
    }

    [Fact]
    public async Task The_same_request_id_with_another_amount_is_refused_and_changes_nothing()
    {
        await Charge("meter-1", "130");
        var appends = _store.Appends.Count;
        var error = await Assert.ThrowsAsync<DomainException>(() => Charge("meter-1", "131"));
        Assert.Equal(DomainErrorKind.AlreadyExists, error.Kind);
        Assert.Equal(appends, _store.Appends.Count);
        Assert.Equal(30m, (await Account(CustomerPersonal)).Outstanding);
    }

    [Fact]
    public async Task A_twin_request_that_wins_the_race_is_not_counted_again()
    {
        // The same charge, sent twice at once: the twin records the request between this one's read and its append.
        _store.BeforeAppend = stream => _store.AppendToStream(stream, ExpectedVersion.NoStream,
            [new ChargeRequested("meter-1", CloudId, 130m, CustomerPersonal, Now)], CancellationToken.None).GetAwaiter().GetResult();
        var result = await Charge("meter-1", "130");
        Assert.Equal(30m, result.State.Outstanding);
        Assert.Single(_store.Events(ChargeRequestIds.Stream("meter-1")));
        Assert.Equal(1, Accrued(CustomerPersonal));
    }

    [Fact]
    public async Task A_request_recorded_but_never_accrued_is_accrued_once_by_the_subscription_and_by_a_retry()
    {
        // As if the process died between the two appends.
        _store.Seed(ChargeRequestIds.Stream("meter-1"), new ChargeRequested("meter-1", CloudId, 130m, CustomerPersonal, Now));
        var subscriber = new ChargeAccrualsSubscriber(new SingleService(_accruals), NullLogger<ChargeAccrualsSubscriber>.Instance);
        var log = await _store.ReadAllForward(0, 1000, CancellationToken.None);
        await subscriber.Handle(log, CancellationToken.None);
        await subscriber.Handle(log, CancellationToken.None);
        await Charge("meter-1", "130");
        Assert.Equal(1, Accrued(CustomerPersonal));
        Assert.Equal(30m, (await Account(CustomerPersonal)).Outstanding);
    }

    [Theory]
    [InlineData(null, "pay-1", "amount")]
    [InlineData("", "pay-1", "amount")]
    [InlineData("10.005", "pay-1", "amount")]
    [InlineData("10", null, "payment_reference")]
    [InlineData("10", "", "payment_reference")]
    public async Task A_payment_without_amount_or_reference_is_refused_naming_the_field_and_the_debt_stays(string? amount, string? reference,
        string field)
    {
        await Charge("meter-1", "130");
        var error = await Assert.ThrowsAsync<DomainException>(() => Pay(amount, reference));
        Assert.Equal((DomainErrorKind.InvalidArgument, field), (error.Kind, error.Field));
        Assert.Equal(30m, (await Account(CustomerPersonal)).Outstanding);
    }

    [Fact]
    public async Task A_negative_expected_version_is_refused_naming_the_field() =>
        Assert.Equal("expected_version", (await Assert.ThrowsAsync<DomainException>(() => Pay("10", "pay-1", -1))).Field);

    [Fact]
    public async Task Payments_reduce_the_debt_a_retry_counts_once_and_a_stale_version_pays_nothing()
    {
        var charged = await Charge("meter-1", "130");
        var partial = await Pay("10", "pay-1", charged.Version);
        Assert.Equal(20m, partial.State.Outstanding);
        Assert.Equal(20m, (await Pay("10", "pay-1", charged.Version)).State.Outstanding);
        var stale = await Assert.ThrowsAsync<DomainException>(() => Pay("5", "pay-2", charged.Version));
        Assert.Equal(DomainErrorKind.FailedPrecondition, stale.Kind);
        Assert.Equal(0m, (await Pay("20", "pay-2", partial.Version)).State.Outstanding);
        Assert.Equal(2, _store.Events(BillingAccountIds.Stream(CustomerPersonal)).OfType<OutstandingPaidV2>().Count());
    }

    private sealed class SingleService(ChargeAccruals accruals) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(ChargeAccruals) ? accruals : null;
    }
}
