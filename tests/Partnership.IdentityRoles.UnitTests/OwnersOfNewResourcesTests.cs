using Partnership.Contracts.IntegrationEvents;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Spec = Partnership.Testing.DeciderSpec<Partnership.IdentityRoles.Domain.ResourceAccessBindings, Partnership.IdentityRoles.Domain.AccessCommand>;

namespace Partnership.IdentityRoles.UnitTests;

/// <summary>What the CloudCreated and BillingAccountCreated consumers decide: the creator owns the new resource, once.</summary>
public class OwnersOfNewResourcesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private const string Creator = "ajecustomer000000001";
    private const string Partner = "ajepartner0000000001";
    private const string Cloud = "b1gaaaaaaaaaaaaaaaaa";
    private const string BillingAccount = "dn2bbbbbbbbbbbbbbbbb";

    // Not onboarding: CustomerId is empty.
    private static readonly AccessBindingGranted CreatorOwnsCloud =
        new(ResourceTypes.Cloud, Cloud, Creator, "resource-manager.clouds.owner", "", Now);
    private static readonly AccessBindingGranted CreatorOwnsAccount =
        new(ResourceTypes.BillingAccount, BillingAccount, Creator, "billing.accounts.owner", "", Now);

    private static GrantInitialOwner CloudCreated => GrantInitialOwner.ForCreatedCloud(Cloud, Creator, Now);
    private static GrantInitialOwner BillingAccountCreated => GrantInitialOwner.ForCreatedBillingAccount(BillingAccount, Creator, Now);

    [Fact]
    public void The_creator_of_a_cloud_owns_it()
    {
        Spec.Given().When(CloudCreated).Then(CreatorOwnsCloud);
        Assert.Equal($"access-cloud-{Cloud}", AccessIds.Stream(CloudCreated.ResourceType, CloudCreated.ResourceId));
    }

    [Fact]
    public void The_owner_of_a_new_billing_account_owns_its_bindings()
    {
        Spec.Given().When(BillingAccountCreated).Then(CreatorOwnsAccount);
        Assert.Equal($"access-billing-account-{BillingAccount}", AccessIds.Stream(BillingAccountCreated.ResourceType, BillingAccountCreated.ResourceId));
    }

    [Fact]
    public void A_redelivered_creation_changes_nothing()
    {
        Spec.Given(CreatorOwnsCloud).When(CloudCreated with { Now = Now.AddMinutes(5) }).ThenNothing();
        Spec.Given(CreatorOwnsAccount).When(BillingAccountCreated).ThenNothing();
    }

    [Fact]
    public void A_redelivered_creation_does_not_bring_back_an_owner_role_handed_on()
    {
        // The creator handed the cloud to the partner and left; a late redelivery of CloudCreated must not undo that.
        var handedOn = new object[]
        {
            CreatorOwnsCloud, new AccessBindingGranted(ResourceTypes.Cloud, Cloud, Partner, RoleIds.CloudsOwner, "", Now),
            new AccessBindingRevoked(ResourceTypes.Cloud, Cloud, Creator, RoleIds.CloudsOwner, Now),
        };
        Spec.Given(handedOn).When(CloudCreated).ThenNothing();
        Spec.Given(CreatorOwnsAccount, new AccessBindingRevoked(ResourceTypes.BillingAccount, BillingAccount, Creator, RoleIds.BillingAccountsOwner, Now))
            .When(BillingAccountCreated).ThenNothing();
    }

    [Fact]
    public void The_creator_may_then_share_the_cloud_with_the_partner() =>
        Spec.Given(CreatorOwnsCloud)
            .When(new UpdateBindings(ResourceTypes.Cloud, Cloud, Creator, [new(BindingAction.Add, Partner, RoleIds.CloudsOwner)], Now))
            .Then(new AccessBindingGranted(ResourceTypes.Cloud, Cloud, Partner, RoleIds.CloudsOwner, "", Now));

    [Fact]
    public void Invalid_creations_name_the_field()
    {
        Assert.Equal("resource_id", Spec.Given().When(GrantInitialOwner.ForCreatedCloud("", Creator, Now))
            .ThenFails(DomainErrorKind.InvalidArgument).Field);
        Assert.Equal("subject_account_id", Spec.Given().When(GrantInitialOwner.ForCreatedBillingAccount(BillingAccount, "", Now))
            .ThenFails(DomainErrorKind.InvalidArgument).Field);
        Assert.Equal("resource_type", Spec.Given().When(new GrantInitialOwner(ResourceTypes.Organization, "bpfaaaaaaaaaaaaaaaaa", Creator, Now))
            .ThenFails(DomainErrorKind.InvalidArgument).Field);
    }
}
