using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Spec = Partnership.Testing.DeciderSpec<Partnership.IdentityRoles.Domain.OrganizationRecord, Partnership.IdentityRoles.Domain.OrganizationCommand>;

namespace Partnership.IdentityRoles.UnitTests;

public class OrganizationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private const string Partner = "ajepartner0000000001";
    private const string CustomerAccount = "ajecustomer000000001";
    private const string CustomerId = "cstaaaaaaaaaaaaaaaaa";
    private static readonly string OrgId = OrganizationIds.ForCustomer(CustomerId);
    private static readonly CreateCustomerOrganization Create = new(OrgId, CustomerId, "Acme LLC", Partner, CustomerAccount, Now);
    private static readonly OrganizationCreated Created = new(OrgId, "For subaccount 'Acme LLC'", CustomerId, Partner, CustomerAccount, Now);

    [Fact]
    public void The_organization_is_named_for_the_subaccount_exactly()
    {
        Spec.Given().When(Create).Then(Created);
        var state = Spec.Given().StateAfter(Created);
        Assert.True(state.Exists);
        Assert.Equal("For subaccount 'Acme LLC'", state.Name);
    }

    [Fact]
    public void The_organization_id_derives_from_the_customer_id()
    {
        Assert.True(ResourceIds.IsValid(OrgId, "bpf"));
        Assert.Equal(OrgId, OrganizationIds.ForCustomer(CustomerId));
        Assert.NotEqual(OrgId, OrganizationIds.ForCustomer("cstbbbbbbbbbbbbbbbbb"));
    }

    [Fact]
    public void A_redelivered_creation_changes_nothing() =>
        Spec.Given(Created).When(Create with { CustomerName = "Renamed", Now = Now.AddMinutes(1) }).ThenNothing();
}
