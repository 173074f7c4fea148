using Microsoft.Extensions.Time.Testing;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Learning;
using Partnership.CustomerService.Onboarding.Creating;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Authorization;
using Partnership.Testing;

namespace Partnership.CustomerService.UnitTests;

/// <summary>
/// CreateCustomer and its partner check answer from what the service learned from events: a learned "yes" needs no
/// remote call, a learned "no" is confirmed live before anything is refused.
/// </summary>
public class CreateCustomerLearnedFactsTests
{
    private const string Partner = "ajepartner0000000001";
    private const string CustomerAccount = "ajecustomer000000001";
    private const string Email = "acme@yandex.ru";
    private static readonly DateTimeOffset T1 = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);

    private readonly InMemoryEventStore _store = new();

    private Task Learned(string stream, object @event) => _store.AppendToStream(stream, ExpectedVersion.Any, [@event], CancellationToken.None);

    private async Task LearnedPartner(bool partner = true, bool paid = true)
    {
        await Learned(LearnedIds.AccountStream(Partner), new PartnerStatusLearned(Partner, partner, T1));
        await Learned(LearnedIds.AccountStream(Partner), new PaidModeLearned(Partner, paid, T1));
    }

    private Task LearnedEmail() => Learned(LearnedIds.EmailStream(Email), new AccountEmailLearned(Email, CustomerAccount, T1));

    private CreateCustomerHandler Handler(LiveFacts live)
    {
        var commands = new CommandHandler(_store);
        return new(commands, new LearnedFacts(commands), new Accounts.AccountsClient(live), new BillingAccounts.BillingAccountsClient(live),
            TimeProvider.System);
    }

    private LearnedPartnerDirectory Directory(LiveFacts live) =>
        new(new LearnedFacts(new CommandHandler(_store)), new IdentityPartnerDirectory(new Accounts.AccountsClient(live)));

    [Fact]
    public async Task A_learned_paid_partner_adds_a_learned_customer_with_no_remote_call()
    {
        await LearnedPartner();
        await LearnedEmail();
        var live = new LiveFacts();
        var result = await Handler(live).Handle(Partner, "r1", "Acme", Email, CancellationToken.None);
        Assert.Empty(live.Calls);
        var created = Assert.IsType<CustomerRecordCreated>(result.NewEvents[0]);
        Assert.Equal(CustomerAccount, created.CustomerAccountId);
    }

    [Fact]
    public async Task Learned_not_paid_is_asked_of_billing_before_refusing_and_a_switch_just_made_is_let_through()
    {
        await LearnedPartner(paid: false);
        await LearnedEmail();
        var live = new LiveFacts { Paid = true };
        var result = await Handler(live).Handle(Partner, "r1", "Acme", Email, CancellationToken.None);
        Assert.Equal(["GetMyBillingAccount"], live.Calls);
        Assert.IsType<CustomerRecordCreated>(result.NewEvents[0]);
    }

    [Fact]
    public async Task Learned_not_paid_and_confirmed_live_is_refused()
    {
        await LearnedPartner(paid: false);
        await LearnedEmail();
        var live = new LiveFacts { Paid = false };
        var error = await Assert.ThrowsAsync<DomainException>(() => Handler(live).Handle(Partner, "r1", "Acme", Email, CancellationToken.None));
        Assert.Equal(DomainErrorKind.FailedPrecondition, error.Kind);
        Assert.Equal(["GetMyBillingAccount"], live.Calls);
    }

    [Fact]
    public async Task An_email_not_learned_yet_is_asked_of_identity()
    {
        await LearnedPartner();
        var live = new LiveFacts { CustomerAccountId = CustomerAccount };
        var result = await Handler(live).Handle(Partner, "r1", "Acme", Email, CancellationToken.None);
        Assert.Equal(["FindAccountByEmail"], live.Calls);
        Assert.Equal(CustomerAccount, Assert.IsType<CustomerRecordCreated>(result.NewEvents[0]).CustomerAccountId);
    }

    [Fact]
    public async Task An_email_unknown_here_and_to_identity_is_not_found()
    {
        await LearnedPartner();
        var live = new LiveFacts { CustomerAccountId = null };
        var error = await Assert.ThrowsAsync<DomainException>(() => Handler(live).Handle(Partner, "r1", "Acme", Email, CancellationToken.None));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        Assert.Equal(["FindAccountByEmail"], live.Calls);
    }

    [Fact]
    public async Task A_learned_partner_passes_the_partner_check_with_no_remote_call()
    {
        await LearnedPartner();
        var live = new LiveFacts { Partner = false };
        Assert.True(await Directory(live).IsPartner(Partner, CancellationToken.None));
        Assert.Empty(live.Calls);
    }

    [Fact]
    public async Task A_partner_not_learned_yet_is_asked_of_identity_so_a_status_just_assigned_is_not_refused()
    {
        var live = new LiveFacts { Partner = true };
        Assert.True(await Directory(live).IsPartner(Partner, CancellationToken.None));
        Assert.Equal(["GetAccount"], live.Calls);
    }

    [Fact]
    public async Task A_learned_withdrawal_confirmed_by_identity_is_no_partner()
    {
        await LearnedPartner(partner: false);
        var live = new LiveFacts { Partner = false };
        Assert.False(await Directory(live).IsPartner(Partner, CancellationToken.None));
        Assert.Equal(["GetAccount"], live.Calls);
    }

    [Fact]
    public async Task What_this_process_learned_itself_is_not_read_again_and_another_replicas_withdrawal_counts_after_the_reuse_window()
    {
        var clock = new FakeTimeProvider(T1);
        var commands = new CommandHandler(_store, clock);
        // Learned by this process's own consumers: the appends leave the states in its command handler.
        await commands.Handle<LearnedAccount, LearnedAccountCommand>(LearnedIds.AccountStream(Partner), new LearnPartnerStatus(Partner, true, T1), default);
        await commands.Handle<LearnedAccount, LearnedAccountCommand>(LearnedIds.AccountStream(Partner), new LearnPaidMode(Partner, true, T1), default);
        await commands.Handle<LearnedEmail, LearnAccountEmail>(LearnedIds.EmailStream(Email), new LearnAccountEmail(Email, CustomerAccount, T1), default);
        var live = new LiveFacts { Partner = false };
        LearnedFacts Request() => new(commands); // one per request, as in the service
        CreateCustomerHandler Handler() => new(commands, Request(), new Accounts.AccountsClient(live),
            new BillingAccounts.BillingAccountsClient(live), clock);
        LearnedPartnerDirectory Directory() => new(Request(), new IdentityPartnerDirectory(new Accounts.AccountsClient(live)));

        Assert.True(await Directory().IsPartner(Partner, default));
        await Handler().Handle(Partner, "r1", "Acme", Email, default);
        Assert.Empty(_store.Reads);
        Assert.Empty(live.Calls);

        // Another replica consumed the withdrawal: this one counts it once its copy is older than the reuse window.
        await Learned(LearnedIds.AccountStream(Partner), new PartnerStatusLearned(Partner, false, T1.AddMinutes(1)));
        clock.Advance(LearnedFacts.AccountReuse);
        Assert.True(await Directory().IsPartner(Partner, default));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(await Directory().IsPartner(Partner, default));
        Assert.Equal([LearnedIds.AccountStream(Partner)], _store.Reads);
        Assert.Equal(["GetAccount"], live.Calls);

        // An email's account never changes once learned: never read again, however old.
        clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(CustomerAccount, await Request().AccountIdByEmail(Email, default));
        Assert.DoesNotContain(LearnedIds.EmailStream(Email), _store.Reads);
    }
}
