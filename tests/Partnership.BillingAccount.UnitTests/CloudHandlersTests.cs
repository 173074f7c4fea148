using Partnership.Testing;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.BillingAccount.Accounts.Activating;
using Partnership.BillingAccount.Accounts.Charging;
using Partnership.BillingAccount.Clouds.Binding;
using Partnership.BillingAccount.Clouds.Creating;
using Partnership.BillingAccount.Clouds.Linking;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Authorization;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.UnitTests;

/// <summary>
/// The handlers around the deciders, on an in-memory store and a stand-in for Identity/Roles: what they read, ask,
/// append and copy; the rules themselves are tested on the deciders.
/// </summary>
public class CloudHandlersTests
{
    private sealed class StandInIdentity : IAccessCheck
    {
        public Dictionary<(string Type, string Id), string[]> Held { get; } = new();
        public Exception? Down { get; set; }
        public List<(string Type, string Id)> Asked { get; } = [];

        public Task<RoleCheck> Check(string resourceType, string resourceId, string subjectAccountId, IReadOnlyList<string> roleIds,
            CancellationToken ct)
        {
            Asked.Add((resourceType, resourceId));
            if (Down is { } down) return Task.FromException<RoleCheck>(down);
            var held = Held.GetValueOrDefault((resourceType, resourceId)) ?? [];
            return Task.FromResult(new RoleCheck(held.Any(roleIds.Contains), held, roleIds));
        }
    }

    /// <summary>Customer's answer, as the subaccount's own stream says it.</summary>
    private sealed class StandInCustomer : ISubaccountStatus
    {
        public Task<bool> IsBillable(BillingAccountRecord account, CancellationToken ct) => Task.FromResult(account.Billable);
    }

    private sealed class StandInPartners(params string[] partners) : IPartnerDirectory
    {
        public Task<bool> IsPartner(string accountId, CancellationToken ct) => Task.FromResult(partners.Contains(accountId));
    }

    private readonly InMemoryEventStore _store = new();
    private readonly StandInIdentity _identity = new();
    private readonly CommandHandler _commands;
    private readonly CloudBindings _bindings;

    public CloudHandlersTests()
    {
        _commands = new CommandHandler(_store);
        _bindings = new CloudBindings(_commands, TimeProvider.System, NullLogger<CloudBindings>.Instance);
        _store.Seed(BillingAccountIds.Stream(CustomerPersonal), new PersonalAccountOpened(CustomerPersonal, Customer, 100m, "RUB", Now));
        _store.Seed(BillingAccountIds.Stream(Subaccount), new SubaccountOpened(Subaccount, Partner, Customer, CustomerId, Now),
            new SubaccountActivated(Now));
        _identity.Held[(ResourceTypes.Organization, OrganizationId)] = ["organization-manager.organizations.owner"];
    }

    private LinkCloudHandler Linker() => new(_commands, _identity, _bindings, Options.Create(new LinkingOptions()),
        Options.Create(new BillingOptions()), new StandInPartners(Partner), new StandInCustomer(), TimeProvider.System);

    private Task<CommandResult<CloudRecord>> CreateCloud(string billingAccountId = "") =>
        new CreateCloudHandler(_commands, _bindings, _identity, new StandInCustomer(), TimeProvider.System)
            .Handle(Customer, RequestId, "prod", OrganizationId, billingAccountId.Length > 0 ? billingAccountId : CustomerPersonal, CancellationToken.None);

    private Task<CommandResult<BillingAccountRecord>> Charge(string amount) =>
        new RecordChargeHandler(_commands, new ChargeAccruals(_commands, Options.Create(new BillingOptions())), TimeProvider.System)
            .Handle(Guid.NewGuid().ToString(), CloudId, amount, CancellationToken.None);

    private async Task<BillingAccountRecord> Account(string id) =>
        (await _commands.Load<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(id), CancellationToken.None)).State;

    private void PartnerMayLink()
    {
        _identity.Held[(ResourceTypes.Cloud, CloudId)] = ["editor"];
        _identity.Held[(ResourceTypes.BillingAccount, CustomerPersonal)] = ["billing.accounts.editor"];
    }

    [Fact]
    public async Task A_created_cloud_is_on_its_accounts_list_at_once_and_a_retry_adds_nothing()
    {
        var first = await CreateCloud();
        var retry = await CreateCloud();
        Assert.Equal(first.State.CloudId, retry.State.CloudId);
        Assert.Empty(retry.NewEvents);
        Assert.Equal([CloudId], (await Account(CustomerPersonal)).CloudIds);
        Assert.Single(_store.Events(BillingAccountIds.Stream(CustomerPersonal)).OfType<CloudBound>());
    }

    [Fact]
    public async Task The_partner_links_the_cloud_and_both_accounts_follow_at_once()
    {
        await CreateCloud();
        await Charge("130");
        PartnerMayLink();
        var outcome = await Linker().Handle(Partner, CloudId, Subaccount, CancellationToken.None);
        Assert.True(outcome.Moved);
        Assert.Equal(CustomerPersonal, outcome.PreviousBillingAccountId);
        Assert.Equal(new Owing(30m, "RUB"), outcome.PreviousOwes);
        Assert.Equal(Subaccount, outcome.Cloud.BillingAccountId);
        Assert.Equal(2, outcome.Version);
        Assert.Empty((await Account(CustomerPersonal)).CloudIds);
        Assert.Equal([CloudId], (await Account(Subaccount)).CloudIds);
        Assert.Contains((ResourceTypes.BillingAccount, CustomerPersonal), _identity.Asked);
    }

    [Fact]
    public async Task Charges_follow_the_binding()
    {
        await CreateCloud();
        Assert.Equal(CustomerPersonal, (await Charge("10")).State.BillingAccountId);
        PartnerMayLink();
        await Linker().Handle(Partner, CloudId, Subaccount, CancellationToken.None);
        var charged = await Charge("10");
        Assert.Equal(Subaccount, charged.State.BillingAccountId);
        Assert.Equal(10m, charged.State.Outstanding);
        Assert.Equal(90m, (await Account(CustomerPersonal)).InitialGrant);
    }

    [Fact]
    public async Task Linking_to_where_it_is_records_nothing_and_does_not_ask_identity()
    {
        await CreateCloud();
        _identity.Asked.Clear();
        _identity.Down = new RpcException(new Status(StatusCode.Unavailable, "down"));
        var outcome = await Linker().Handle(Customer, CloudId, CustomerPersonal, CancellationToken.None);
        Assert.False(outcome.Moved);
        Assert.Empty(_identity.Asked);
        Assert.Single(_store.Events(CloudIds.Stream(CloudId)));
    }

    [Fact]
    public async Task When_identity_cannot_answer_nothing_changes()
    {
        await CreateCloud();
        _identity.Down = new RpcException(new Status(StatusCode.Unavailable, "Identity/Roles cannot say"));
        var error = await Assert.ThrowsAsync<RpcException>(() => Linker().Handle(Partner, CloudId, Subaccount, CancellationToken.None));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Single(_store.Events(CloudIds.Stream(CloudId)));
        Assert.Empty((await Account(Subaccount)).CloudIds);
    }

    [Fact]
    public async Task A_denied_link_records_nothing()
    {
        await CreateCloud();
        _identity.Held[(ResourceTypes.Cloud, CloudId)] = ["resource-manager.clouds.member"];
        var error = await Assert.ThrowsAsync<DomainException>(() => Linker().Handle(Partner, CloudId, Subaccount, CancellationToken.None));
        Assert.Equal(DomainErrorKind.PermissionDenied, error.Kind);
        Assert.Single(_store.Events(CloudIds.Stream(CloudId)));
    }

    [Fact]
    public async Task The_loser_of_a_concurrent_link_decides_again_and_records_no_second_move()
    {
        await CreateCloud();
        PartnerMayLink();
        // The customer's own link of the same cloud lands between the partner's read and its append.
        _store.BeforeAppend = stream => _store.AppendToStream(stream, ExpectedVersion.Exactly(1),
            [new CloudMoved(CustomerPersonal, Subaccount, Customer, 0m, "RUB", Now)], CancellationToken.None).GetAwaiter().GetResult();
        var outcome = await Linker().Handle(Partner, CloudId, Subaccount, CancellationToken.None);
        Assert.False(outcome.Moved);
        Assert.Equal(Subaccount, outcome.Cloud.BillingAccountId);
        Assert.Single(_store.Events(CloudIds.Stream(CloudId)).OfType<CloudMoved>());
    }

    [Fact]
    public async Task The_repair_subscription_replays_bindings_without_changing_anything_already_copied()
    {
        await CreateCloud();
        PartnerMayLink();
        await Linker().Handle(Partner, CloudId, Subaccount, CancellationToken.None);
        var before = (_store.Events(BillingAccountIds.Stream(CustomerPersonal)).Count, _store.Events(BillingAccountIds.Stream(Subaccount)).Count);
        var log = await _store.ReadAllForward(0, 1000, CancellationToken.None);
        var subscriber = new CloudBindingsSubscriber(new SingleService(_bindings));
        await subscriber.Handle(log, CancellationToken.None);
        await subscriber.Handle(log, CancellationToken.None);
        Assert.Equal(before, (_store.Events(BillingAccountIds.Stream(CustomerPersonal)).Count, _store.Events(BillingAccountIds.Stream(Subaccount)).Count));
    }

    [Fact]
    public async Task The_repair_subscription_copies_a_binding_the_request_did_not()
    {
        // As if the process died between the cloud append and the copy.
        _store.Seed(CloudIds.Stream(CloudId), Created, new CloudMoved(CustomerPersonal, Subaccount, Partner, 0m, "RUB", Now));
        var subscriber = new CloudBindingsSubscriber(new SingleService(_bindings));
        await subscriber.Handle(await _store.ReadAllForward(0, 1000, CancellationToken.None), CancellationToken.None);
        Assert.Empty((await Account(CustomerPersonal)).CloudIds);
        Assert.Equal([CloudId], (await Account(Subaccount)).CloudIds);
    }

    private sealed class SingleService(CloudBindings bindings) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(CloudBindings) ? bindings : null;
    }
}
