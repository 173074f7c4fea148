using Microsoft.Extensions.Time.Testing;
using Partnership.Contracts.IntegrationEvents;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Partnership.IdentityRoles.Provisioning;
using Partnership.Testing;

namespace Partnership.IdentityRoles.UnitTests;

/// <summary>
/// What Identity/Roles provisions once a customer's subaccount exists: the four default roles, then the organization,
/// announced with the roles held; on an in-memory store.
/// </summary>
public class ProvisioningOnSubaccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private const string Partner = "ajepartner0000000001";
    private const string CustomerAccount = "ajecustomer000000001";
    private const string CustomerId = "cstaaaaaaaaaaaaaaaaa";
    private const string Subaccount = "dn2aaaaaaaaaaaaaaaaa";
    private static readonly string OrgId = OrganizationIds.ForCustomer(CustomerId);
    private static readonly string SubaccountAccess = AccessIds.Stream(ResourceTypes.BillingAccount, Subaccount);
    private static readonly string OrgAccess = AccessIds.Stream(ResourceTypes.Organization, OrgId);

    private static readonly SubaccountCreatedIntegrationEvent Opened = new(Subaccount, CustomerId, Partner, CustomerAccount, Now, "Acme LLC");

    private static readonly ResourceBinding PartnerOwnsSubaccount = new(ResourceTypes.BillingAccount, Subaccount, Partner, RoleIds.BillingAccountsOwner);
    private static readonly ResourceBinding CustomerAdminsSubaccount = new(ResourceTypes.BillingAccount, Subaccount, CustomerAccount, RoleIds.Admin);
    private static readonly ResourceBinding PartnerOwnsOrg = new(ResourceTypes.Organization, OrgId, Partner, RoleIds.OrganizationsOwner);
    private static readonly ResourceBinding CustomerOwnsOrg = new(ResourceTypes.Organization, OrgId, CustomerAccount, RoleIds.OrganizationsOwner);

    private readonly InMemoryEventStore _store = new();
    private readonly SubaccountCreatedConsumer _consumer;

    public ProvisioningOnSubaccountTests() => _consumer = new SubaccountCreatedConsumer(new CommandHandler(_store), new FakeTimeProvider(Now));

    private OrganizationCreated Organization() =>
        Assert.IsType<OrganizationCreated>(Assert.Single(_store.Events(OrganizationIds.Stream(OrgId))));

    [Fact]
    public async Task The_roles_come_first_then_the_organization_announced_with_all_four()
    {
        await _consumer.Provision(Opened, CancellationToken.None);

        // The two grants in either order (they are appended together), the organization after both.
        Assert.Equal([SubaccountAccess, OrgAccess], _store.Appends.Take(2).Select(a => a.StreamId).Order(StringComparer.Ordinal));
        Assert.Equal(OrganizationIds.Stream(OrgId), _store.Appends[2].StreamId);
        var organization = Organization();
        Assert.Equal("For subaccount 'Acme LLC'", organization.Name);
        Assert.Equal([PartnerOwnsSubaccount, CustomerAdminsSubaccount, PartnerOwnsOrg, CustomerOwnsOrg], organization.DefaultBindings!);
        Assert.Equal(2, _store.Events(OrgAccess).OfType<AccessBindingGranted>().Count(g => g.CustomerId == CustomerId));
    }

    [Fact]
    public async Task After_a_decline_that_came_first_the_announcement_has_the_customers_two()
    {
        _store.Seed(SubaccountAccess, new PartnershipEnded(ResourceTypes.BillingAccount, Subaccount, CustomerId, Partner, Now));
        _store.Seed(OrgAccess, new PartnershipEnded(ResourceTypes.Organization, OrgId, CustomerId, Partner, Now));

        await _consumer.Provision(Opened, CancellationToken.None);

        Assert.Equal([CustomerAdminsSubaccount, CustomerOwnsOrg], Organization().DefaultBindings!);
    }

    [Fact]
    public async Task The_two_grants_are_appended_together_and_the_organization_only_after_both_committed()
    {
        var (store, provisioning) = await ProvisionWithBothGrantsHeld();
        store.Release(SubaccountAccess);
        await Task.Delay(50);

        Assert.False(provisioning.IsCompleted);
        Assert.Empty(_store.Events(OrganizationIds.Stream(OrgId)));
        store.Release(OrgAccess);
        await provisioning.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([PartnerOwnsSubaccount, CustomerAdminsSubaccount, PartnerOwnsOrg, CustomerOwnsOrg], Organization().DefaultBindings!);
    }

    [Fact]
    public async Task A_grant_that_fails_fails_the_message_without_the_organization_and_its_redelivery_completes_it()
    {
        var (store, provisioning) = await ProvisionWithBothGrantsHeld();
        store.Release(SubaccountAccess);
        store.Fail(OrgAccess, new TimeoutException("the database went away"));

        await Assert.ThrowsAsync<TimeoutException>(() => provisioning);
        Assert.Equal(2, _store.Events(SubaccountAccess).Count);
        Assert.Empty(_store.Events(OrgAccess));
        Assert.Empty(_store.Events(OrganizationIds.Stream(OrgId)));

        await _consumer.Provision(Opened, CancellationToken.None);
        Assert.Equal(2, _store.Events(SubaccountAccess).Count);
        Assert.Equal([PartnerOwnsSubaccount, CustomerAdminsSubaccount, PartnerOwnsOrg, CustomerOwnsOrg], Organization().DefaultBindings!);
    }

    // Provisioning on a store that holds both grants' appends, once both were asked for.
    private async Task<(HeldGrants Store, Task Provisioning)> ProvisionWithBothGrantsHeld()
    {
        var store = new HeldGrants(_store);
        var consumer = new SubaccountCreatedConsumer(new CommandHandler(store), new FakeTimeProvider(Now));
        var provisioning = consumer.Provision(Opened, CancellationToken.None);
        await store.BothRequested.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return (store, provisioning);
    }

    /// <summary>Holds each grant's append until the test releases (or fails) it; BothRequested: both were asked for, neither answered.</summary>
    private sealed class HeldGrants(InMemoryEventStore inner) : DelegatingEventStore(inner)
    {
        private readonly Dictionary<string, TaskCompletionSource> _held = new()
        {
            [SubaccountAccess] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            [OrgAccess] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        private int _requested;

        public TaskCompletionSource BothRequested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release(string streamId) => _held[streamId].SetResult();

        public void Fail(string streamId, Exception e) => _held[streamId].SetException(e);

        public override async Task<long> AppendToStream(string streamId, ExpectedVersion expected, IReadOnlyList<object> events, CancellationToken ct)
        {
            if (_held.TryGetValue(streamId, out var held))
            {
                if (Interlocked.Increment(ref _requested) == 2) BothRequested.SetResult();
                await held.Task;
            }
            return await base.AppendToStream(streamId, expected, events, ct);
        }
    }

    [Fact]
    public async Task A_redelivery_appends_nothing()
    {
        await _consumer.Provision(Opened, CancellationToken.None);
        var appends = _store.Appends.Count;

        await _consumer.Provision(Opened with { OccurredAt = Now.AddSeconds(5) }, CancellationToken.None);

        Assert.Equal(appends, _store.Appends.Count);
        Organization();
    }

    [Fact]
    public async Task A_subaccount_opened_before_the_name_travelled_gets_its_roles_and_no_organization_here()
    {
        await _consumer.Provision(Opened with { CustomerName = null }, CancellationToken.None);

        Assert.Equal([SubaccountAccess], _store.Appends.Select(a => a.StreamId));
        Assert.Empty(_store.Events(OrganizationIds.Stream(OrgId)));
    }
}
