using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;
using Spec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.CloudRecord, Partnership.BillingAccount.Domain.CloudCommand>;

namespace Partnership.BillingAccount.UnitTests;

public class CreatingCloudsTests
{
    [Fact]
    public void A_customer_creates_a_cloud_on_its_own_account()
    {
        Spec.Given().When(new CreateCloud(CloudId, Request(CustomerPersonal), Customer, CustomerAccount, Now, true, true)).Then(Created);
        var state = Spec.Given().StateAfter(Created);
        Assert.Equal(CustomerPersonal, state.BillingAccountId);
        Assert.Equal(Customer, state.CreatorAccountId);
        Assert.Equal("prod", state.Name);
        Assert.Equal(OrganizationId, state.OrganizationId);
    }

    [Fact]
    public void A_customer_creates_a_cloud_on_its_partner_subaccount() =>
        Spec.Given().When(new CreateCloud(CloudId, Request(Subaccount), Customer, SubaccountRecord, Now, true, true))
            .Then(new CloudCreated(CloudId, "prod", OrganizationId, Customer, Subaccount, Now));

    [Fact]
    public void A_retry_with_the_same_request_id_finds_the_cloud_and_records_nothing() =>
        Spec.Given(Created).When(new CreateCloud(CloudId, Request(CustomerPersonal), Customer, CustomerAccount, Now.AddMinutes(1), true, true)).ThenNothing();

    [Fact]
    public void A_retry_finds_the_same_cloud_even_after_it_moved() =>
        Spec.Given(Created, Moved(CustomerPersonal, Subaccount, Customer))
            .When(new CreateCloud(CloudId, Request(CustomerPersonal), Customer, CustomerAccount, Now.AddMinutes(1), true, true)).ThenNothing();

    [Fact]
    public void The_cloud_id_comes_from_the_creator_and_the_request_id()
    {
        Assert.Equal(ResourceIds.Derive("b1g", Customer + "/" + RequestId), CloudIds.For(Customer, RequestId));
        Assert.True(CloudIds.IsValid(CloudIds.For(Customer, RequestId)));
        Assert.NotEqual(CloudIds.For(Customer, RequestId), CloudIds.For(Customer, "create-cloud-2"));
        Assert.NotEqual(CloudIds.For(Customer, RequestId), CloudIds.For(Partner, RequestId));
        Assert.Equal("cloud-" + CloudId, CloudIds.Stream(CloudId));
    }

    [Fact]
    public void Someone_elses_personal_account_is_not_there_for_the_caller()
    {
        var notYours = Spec.Given().When(new CreateCloud(CloudIds.For(Stranger, RequestId), Request(CustomerPersonal), Stranger, CustomerAccount, Now, true, true))
            .ThenFails(DomainErrorKind.NotFound);
        var none = Spec.Given().When(new CreateCloud(CloudIds.For(Stranger, RequestId), Request(CustomerPersonal), Stranger,
            BillingAccountRecord.Initial, Now, true, true)).ThenFails(DomainErrorKind.NotFound);
        Assert.Equal(none.Message, notYours.Message);
    }

    [Fact]
    public void An_organization_where_the_caller_holds_no_role_is_not_found() =>
        Spec.Given().When(new CreateCloud(CloudId, Request(CustomerPersonal), Customer, CustomerAccount, Now, true, CallerHoldsRoleInOrganization: false))
            .ThenFails(DomainErrorKind.NotFound, $"No organization {OrganizationId}");

    [Fact]
    public void Nothing_is_created_on_a_subaccount_before_its_customer_confirms() =>
        Spec.Given().When(new CreateCloud(CloudId, Request(Subaccount), Customer, PendingSubaccountRecord, Now, TargetBillable: false,
                CallerHoldsRoleInOrganization: true))
            .ThenFails(DomainErrorKind.FailedPrecondition, "confirms the partnership");

    [Fact]
    public void The_partner_cannot_create_a_cloud_on_the_customers_subaccount() =>
        Spec.Given().When(new CreateCloud(CloudIds.For(Partner, RequestId), Request(Subaccount), Partner, SubaccountRecord, Now, true, true))
            .ThenFails(DomainErrorKind.PermissionDenied);

    [Fact]
    public void An_unknown_billing_account_is_not_found() =>
        Spec.Given().When(new CreateCloud(CloudId, Request(CustomerPersonal), Customer, BillingAccountRecord.Initial, Now, true, true))
            .ThenFails(DomainErrorKind.NotFound);

    [Theory]
    [InlineData(null, "prod", "bpfaaaaaaaaaaaaaaaaa", "dn2aaaaaaaaaaaaaaaaa", "request_id")]
    [InlineData("  ", "prod", "bpfaaaaaaaaaaaaaaaaa", "dn2aaaaaaaaaaaaaaaaa", "request_id")]
    [InlineData("r", null, "bpfaaaaaaaaaaaaaaaaa", "dn2aaaaaaaaaaaaaaaaa", "name")]
    [InlineData("r", "   ", "bpfaaaaaaaaaaaaaaaaa", "dn2aaaaaaaaaaaaaaaaa", "name")]
    [InlineData("r", "pro\u0007d", "bpfaaaaaaaaaaaaaaaaa", "dn2aaaaaaaaaaaaaaaaa", "name")]
    [InlineData("r", "prod", null, "dn2aaaaaaaaaaaaaaaaa", "organization_id")]
    [InlineData("r", "prod", "dn2aaaaaaaaaaaaaaaaa", "dn2aaaaaaaaaaaaaaaaa", "organization_id")]
    [InlineData("r", "prod", "bpfAAAAAAAAAAAAAAAAA", "dn2aaaaaaaaaaaaaaaaa", "organization_id")]
    [InlineData("r", "prod", "bpfaaaaaaaaaaaaaaaaa", null, "billing_account_id")]
    [InlineData("r", "prod", "bpfaaaaaaaaaaaaaaaaa", "bpfaaaaaaaaaaaaaaaaa", "billing_account_id")]
    public void An_invalid_request_names_the_field(string? requestId, string? name, string? organizationId, string? billingAccountId,
        string field)
    {
        var error = Assert.Throws<DomainException>(() => ValidCloudRequest.From(requestId, name, organizationId, billingAccountId));
        Assert.Equal(DomainErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Lengths_are_bounded()
    {
        Assert.Equal("request_id", Assert.Throws<DomainException>(() =>
            ValidCloudRequest.From(new string('r', 65), "prod", OrganizationId, CustomerPersonal)).Field);
        Assert.Equal("name", Assert.Throws<DomainException>(() =>
            ValidCloudRequest.From("r", new string('n', 64), OrganizationId, CustomerPersonal)).Field);
        var longest = ValidCloudRequest.From(new string('r', 64), new string('n', 63), OrganizationId, CustomerPersonal);
        Assert.Equal(63, longest.Name.Length);
        Assert.Equal("prod", ValidCloudRequest.From("r", "  prod  ", OrganizationId, CustomerPersonal).Name);
    }

    [Fact]
    public void A_cloud_is_visible_to_its_creator_and_to_those_who_see_its_billing_account()
    {
        var onSubaccount = Spec.Given(Created, Moved(CustomerPersonal, Subaccount, Partner)).StateAfter();
        Assert.True(onSubaccount.IsVisibleTo(Customer, SubaccountRecord));
        Assert.True(onSubaccount.IsVisibleTo(Partner, SubaccountRecord));
        Assert.False(onSubaccount.IsVisibleTo(Stranger, SubaccountRecord));
        var onPersonal = Spec.Given(Created).StateAfter();
        Assert.False(onPersonal.IsVisibleTo(Partner, CustomerAccount));
    }
}
