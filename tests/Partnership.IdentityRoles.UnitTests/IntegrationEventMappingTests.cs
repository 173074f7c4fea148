using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Partnership.IdentityRoles.Integration;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.IdentityRoles.UnitTests;

public class IntegrationEventMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private const string Account = "ajepartner0000000001";
    private readonly IdentityIntegrationEvents _mapper = new();

    private static RecordedEvent Recorded(string streamId, object data) =>
        new(Guid.NewGuid(), streamId, 1, 1, "x", data, Now, null);

    [Fact]
    public void Account_events_are_published_with_the_account_id()
    {
        Assert.Equal(new AccountRegisteredIntegrationEvent(Account, "a@b.ru", "A", Now),
            _mapper.Map(Recorded("account-" + Account, new AccountRegistered(Account, "a@b.ru", "A", Now))));
        Assert.Equal(new PartnerStatusAssignedIntegrationEvent(Account, Now),
            _mapper.Map(Recorded("account-" + Account, new PartnerStatusAssigned(Now))));
        Assert.Equal(new PartnerStatusWithdrawnIntegrationEvent(Account, Now),
            _mapper.Map(Recorded("account-" + Account, new PartnerStatusWithdrawn(Now))));
    }

    [Fact]
    public void Organization_and_binding_events_are_published()
    {
        Assert.Equal(new OrganizationCreatedIntegrationEvent("bpf1", "For subaccount 'A'", "cst1", "aje1", "aje2", Now),
            _mapper.Map(Recorded("organization-bpf1", new OrganizationCreated("bpf1", "For subaccount 'A'", "cst1", "aje1", "aje2", Now))));
        var announced = Assert.IsType<OrganizationCreatedIntegrationEvent>(_mapper.Map(Recorded("organization-bpf1",
            new OrganizationCreated("bpf1", "For subaccount 'A'", "cst1", "aje1", "aje2", Now,
                [new("billing-account", "dn21", "aje2", "admin"), new("organization", "bpf1", "aje2", "organization-manager.organizations.owner")]))));
        Assert.Equal([new RoleBindingOnResource("billing-account", "dn21", "aje2", "admin"),
            new RoleBindingOnResource("organization", "bpf1", "aje2", "organization-manager.organizations.owner")], announced.DefaultBindings!);
        Assert.Equal(new AccessBindingGrantedIntegrationEvent("organization", "bpf1", "aje1", "admin", "cst1", Now),
            _mapper.Map(Recorded("access-organization-bpf1", new AccessBindingGranted("organization", "bpf1", "aje1", "admin", "cst1", Now))));
        Assert.Equal(new AccessBindingRevokedIntegrationEvent("organization", "bpf1", "aje1", "admin", Now),
            _mapper.Map(Recorded("access-organization-bpf1", new AccessBindingRevoked("organization", "bpf1", "aje1", "admin", Now))));
    }

    [Fact]
    public void Every_domain_event_has_a_versioned_stored_name()
    {
        var names = IdentityEventTypes.Registry().Names;
        Assert.Equal(8, names.Count);
        Assert.All(names.Values, n => Assert.Matches(@"^identity\.[a-z-]+\.v\d+$", n));
        Assert.Equal("identity.account-registered.v1", names[typeof(AccountRegistered)]);
    }
}
