using Partnership.BillingAccount.Api;
using Partnership.BillingAccount.Domain;
using Partnership.BillingAccount.Integration;
using Partnership.EventSourcing;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;
using Partnership.Contracts.IntegrationEvents;
using Proto = Partnership.Contracts.Billing.V1;

namespace Partnership.BillingAccount.UnitTests;

public class CloudMappingTests
{
    private static readonly BillingAccountIntegrationEvents Mapper = new();

    private static RecordedEvent Recorded(string streamId, object data) => new(Guid.NewGuid(), streamId, 1, 1, "t", data, Now, null);

    [Fact]
    public void Cloud_events_are_published_as_cloud_created_and_cloud_linked()
    {
        Assert.Equal(new CloudCreatedIntegrationEvent(CloudId, "prod", OrganizationId, Customer, CustomerPersonal, Now),
            Mapper.Map(Recorded(CloudIds.Stream(CloudId), Created)));
        Assert.Equal(new CloudLinkedIntegrationEvent(CloudId, CustomerPersonal, Subaccount, Partner, 25m, "RUB", Now),
            Mapper.Map(Recorded(CloudIds.Stream(CloudId), new CloudMoved(CustomerPersonal, Subaccount, Partner, 25m, "RUB", Now))));
    }

    [Fact]
    public void Charges_and_payments_are_published_with_their_billing_account()
    {
        Assert.Equal(new ChargeRecordedIntegrationEvent(Subaccount, CloudId, 130m, 100m, 30m, "RUB", Now),
            Mapper.Map(Recorded(BillingAccountIds.Stream(Subaccount), new ChargeAccrued(CloudId, 130m, 100m, 30m, "RUB", Now))));
        Assert.Equal(new OutstandingPaidIntegrationEvent(Subaccount, 30m, "RUB", Now),
            Mapper.Map(Recorded(BillingAccountIds.Stream(Subaccount), new OutstandingPaid(30m, "RUB", Now))));
    }

    [Fact]
    public void Charges_and_payments_carry_their_request_id_and_payment_reference()
    {
        Assert.Equal(new ChargeRecordedIntegrationEvent(Subaccount, CloudId, 130m, 100m, 30m, "RUB", Now, "r1"),
            Mapper.Map(Recorded(BillingAccountIds.Stream(Subaccount), new ChargeAccruedV2("r1", CloudId, 130m, 100m, 30m, "RUB", Now))));
        Assert.Equal(new OutstandingPaidIntegrationEvent(Subaccount, 10m, "RUB", Now, "pay-1"),
            Mapper.Map(Recorded(BillingAccountIds.Stream(Subaccount), new OutstandingPaidV2("pay-1", 10m, "RUB", Now))));
        Assert.Null(Mapper.Map(Recorded(ChargeRequestIds.Stream("r1"), new ChargeRequested("r1", CloudId, 130m, Subaccount, Now))));
    }

    [Fact]
    public void Learned_roles_and_binding_copies_stay_private()
    {
        Assert.Null(Mapper.Map(Recorded(BillingAccountIds.Stream(Subaccount), new CloudBound(CloudId, 2, Now))));
        Assert.Null(Mapper.Map(Recorded(BillingAccountIds.Stream(Subaccount), new CloudUnbound(CloudId, 3, Now))));
        Assert.Null(Mapper.Map(Recorded("learned-access-cloud-" + CloudId, new RoleLearned("cloud", CloudId, Partner, "editor", Now))));
        Assert.Null(Mapper.Map(Recorded("learned-access-cloud-" + CloudId, new RoleForgotten("cloud", CloudId, Partner, "editor", Now))));
    }

    [Fact]
    public void A_billing_account_shows_what_it_owes_and_the_clouds_it_pays_for()
    {
        var state = Account(new SubaccountOpened(Subaccount, Partner, Customer, CustomerId, Now), new ChargeAccrued(CloudId, 12.5m, 0m, 12.5m, "RUB", Now),
            new CloudBound(CloudId, 2, Now));
        var proto = BillingAccountMapping.ToProto(state, 3, "RUB");
        Assert.Equal(new Proto.Money { Amount = "12.50", Currency = "RUB" }, proto.Outstanding);
        Assert.Equal([CloudId], proto.CloudIds);
        Assert.Equal(new Proto.Money { Amount = "0.00", Currency = "RUB" }, BillingAccountMapping.ToProto(CustomerAccount, 1, "RUB").Outstanding);
    }

    [Fact]
    public void A_cloud_maps_to_the_api()
    {
        var cloud = CloudRecord.Evolve(CloudRecord.Initial, Created);
        var proto = CloudMapping.ToProto(cloud, 3);
        Assert.Equal(CloudId, proto.CloudId);
        Assert.Equal("prod", proto.Name);
        Assert.Equal(OrganizationId, proto.OrganizationId);
        Assert.Equal(CustomerPersonal, proto.BillingAccountId);
        Assert.Equal(Customer, proto.CreatorAccountId);
        Assert.Equal(3, proto.Version);
    }

    [Theory]
    [InlineData(LinkReason.Linkable, Proto.Linkability.Types.Reason.Linkable, true)]
    [InlineData(LinkReason.NoRoleKnown, Proto.Linkability.Types.Reason.NoRoleKnown, false)]
    [InlineData(LinkReason.RoleTooWeak, Proto.Linkability.Types.Reason.RoleTooWeak, false)]
    [InlineData(LinkReason.NoRoleOnCurrentBillingAccount, Proto.Linkability.Types.Reason.NoRoleOnCurrentBillingAccount, false)]
    [InlineData(LinkReason.AlreadyLinked, Proto.Linkability.Types.Reason.AlreadyLinked, false)]
    public void Every_reason_maps_to_the_api(LinkReason reason, Proto.Linkability.Types.Reason expected, bool linkable)
    {
        var proto = CloudMapping.ToProto(new LinkAssessment(reason, ["editor"]));
        Assert.Equal(expected, proto.Reason);
        Assert.Equal(linkable, proto.Linkable);
        Assert.Equal(["editor"], proto.KnownRoleIds);
    }
}
