using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Onboarding.Reading;
using Partnership.EventSourcing;
using static Partnership.CustomerService.UnitTests.Invited;
using Spec = Partnership.Testing.DeciderSpec<Partnership.CustomerService.Domain.CustomerRecord, Partnership.CustomerService.Domain.CustomerCommand>;

namespace Partnership.CustomerService.UnitTests;

/// <summary>Provisioning, apart from the status: in progress from creation, complete once every step is known, failed when refused.</summary>
public class ProvisioningStateTests
{
    private const string Organization = "bpfaaaaaaaaaaaaaaaaa";
    private const string Portal = "https://partners.cloud.yandex.ru";
    // Created by this build: it follows the default bindings.
    private static readonly CustomerRecordCreated Created = Invited.Created with { TracksBindings = true };
    // Announced with its default bindings, recorded beside it one event each (stored so before OrganizationAssignedV2).
    private static readonly OrganizationAssigned Org = new(Organization, Now, WithBindings: true);
    // Announced without them: stored before that build, or drained from a queue at an upgrade.
    private static readonly OrganizationAssigned OrgWithoutBindings = new(Organization, Now);

    private static RecordBindingGranted Grant(string type, string resource, string subject, string role) => new(type, resource, subject, role, Now);
    private static DefaultBindingGranted Granted(string type, string resource, string subject, string role) => new(type, resource, subject, role, Now);

    private static readonly DefaultBindingGranted PartnerOwnsSubaccount = Granted("billing-account", Subaccount, Partner, "billing.accounts.owner");
    private static readonly DefaultBindingGranted CustomerAdminsSubaccount = Granted("billing-account", Subaccount, CustomerAccount, "admin");
    private static readonly DefaultBindingGranted PartnerOwnsOrganization = Granted("organization", Organization, Partner, "organization-manager.organizations.owner");
    private static readonly DefaultBindingGranted CustomerOwnsOrganization = Granted("organization", Organization, CustomerAccount, "organization-manager.organizations.owner");

    [Fact]
    public void A_new_record_is_in_progress_until_the_last_step_then_complete_once()
    {
        var allButOne = new object[] { Created, Assigned, Org, PartnerOwnsSubaccount, CustomerAdminsSubaccount, PartnerOwnsOrganization };
        Assert.Equal(ProvisioningStatus.InProgress, Spec.Given(allButOne).StateAfter().Provisioning);
        Spec.Given(allButOne).When(Grant("organization", Organization, CustomerAccount, "organization-manager.organizations.owner"))
            .Then(CustomerOwnsOrganization, new ProvisioningCompleted(Now));
        Assert.Equal(ProvisioningStatus.Complete, Spec.Given([.. allButOne, CustomerOwnsOrganization, new ProvisioningCompleted(Now)]).StateAfter().Provisioning);
    }

    private static DefaultBinding Binding(DefaultBindingGranted g) => new(g.ResourceType, g.ResourceId, g.SubjectAccountId, g.RoleId);

    private static readonly DefaultBinding[] FourBindings =
        [.. new[] { PartnerOwnsSubaccount, CustomerAdminsSubaccount, PartnerOwnsOrganization, CustomerOwnsOrganization }.Select(Binding)];

    [Fact]
    public void The_organization_announced_with_the_four_bindings_completes_it_in_one_step_with_one_event_for_all_four()
    {
        Spec.Given(Created, Assigned).When(new AssignOrganization(Organization, Now, FourBindings))
            .Then(new OrganizationAssignedV2(Organization, FourBindings, Now), new ProvisioningCompleted(Now));
        var state = Spec.Given(Created, Assigned, new OrganizationAssignedV2(Organization, FourBindings, Now)).StateAfter();
        Assert.Equal(FourBindings, state.GrantedBindings);
        Assert.True(state.IsProvisioned);
    }

    [Fact]
    public void Announced_bindings_that_are_not_the_records_defaults_or_repeat_are_not_recorded_and_it_waits()
    {
        var decided = Spec.Given(Created, Assigned, CustomerAdminsSubaccount)
            .When(new AssignOrganization(Organization, Now,
            [
                Binding(CustomerAdminsSubaccount), Binding(PartnerOwnsOrganization), Binding(PartnerOwnsOrganization),
                new("organization", Organization, "ajesomeoneelse000001", "organization-manager.organizations.owner"),
                new("cloud", "b1g1", CustomerAccount, "resource-manager.clouds.owner"),
            ]));
        decided.Then(new OrganizationAssignedV2(Organization, [Binding(PartnerOwnsOrganization)], Now));
        Assert.Equal(ProvisioningStatus.InProgress, Spec.Given(Created, Assigned, CustomerAdminsSubaccount)
            .StateAfter(new OrganizationAssignedV2(Organization, [Binding(PartnerOwnsOrganization)], Now)).Provisioning);
    }

    [Fact]
    public void A_redelivered_announcement_changes_nothing()
    {
        Spec.Given(Created, Assigned, Org).When(new AssignOrganization(Organization, Now, [Binding(CustomerOwnsOrganization)])).ThenNothing();
        Spec.Given(Created, Assigned, new OrganizationAssignedV2(Organization, FourBindings, Now), new ProvisioningCompleted(Now))
            .When(new AssignOrganization(Organization, Now, FourBindings)).ThenNothing();
    }

    [Fact]
    public void After_a_decline_that_came_first_the_customers_two_bindings_complete_it()
    {
        var declined = new InvitationDeclined(Partner, CustomerAccount, Subaccount, Now);
        DefaultBinding[] customers = [Binding(CustomerAdminsSubaccount), Binding(CustomerOwnsOrganization)];
        Spec.Given(Created, Assigned, declined).When(new AssignOrganization(Organization, Now, customers))
            .Then(new OrganizationAssignedV2(Organization, customers, Now), new ProvisioningCompleted(Now));
    }

    [Fact]
    public void An_organization_announced_without_bindings_does_not_make_it_wait_for_them()
    {
        // Nothing would bring them here any more: the grants' own messages are not delivered to this service.
        Spec.Given(Created, Assigned).When(new AssignOrganization(Organization, Now)).Then(OrgWithoutBindings, new ProvisioningCompleted(Now));
        Assert.Equal(ProvisioningStatus.Complete, Spec.Given(Created, Assigned, OrgWithoutBindings).StateAfter().Provisioning);
    }

    [Fact]
    public void The_steps_complete_it_in_any_order_the_subaccount_last_here() =>
        Spec.Given(Created, Org, PartnerOwnsSubaccount, CustomerAdminsSubaccount, PartnerOwnsOrganization, CustomerOwnsOrganization)
            .When(new AssignSubaccount(Subaccount, Portal, Now)).Then(Assigned, new ProvisioningCompleted(Now));

    [Fact]
    public void Bindings_alone_do_not_complete_it_without_the_organization()
    {
        Spec.Given(Created, Assigned, PartnerOwnsSubaccount, CustomerAdminsSubaccount, PartnerOwnsOrganization)
            .When(Grant("organization", Organization, CustomerAccount, "organization-manager.organizations.owner")).Then(CustomerOwnsOrganization);
        Spec.Given(Created, Assigned, PartnerOwnsSubaccount, CustomerAdminsSubaccount, PartnerOwnsOrganization, CustomerOwnsOrganization)
            .When(new AssignOrganization(Organization, Now, [])).Then(new OrganizationAssignedV2(Organization, [], Now), new ProvisioningCompleted(Now));
    }

    [Fact]
    public void A_redelivered_grant_or_one_that_is_not_a_default_binding_changes_nothing()
    {
        Spec.Given(Created, PartnerOwnsSubaccount).When(Grant("billing-account", Subaccount, Partner, "billing.accounts.owner")).ThenNothing();
        Spec.Given(Created).When(Grant("billing-account", Subaccount, "ajesomeoneelse000001", "billing.accounts.owner")).ThenNothing();
        Spec.Given(Created).When(Grant("cloud", "b1g1", CustomerAccount, "resource-manager.clouds.owner")).ThenNothing();
        Spec.Given().When(Grant("billing-account", Subaccount, Partner, "billing.accounts.owner")).ThenNothing();
    }

    [Fact]
    public void A_grant_on_another_resource_than_the_records_does_not_count() =>
        Assert.Equal(ProvisioningStatus.InProgress, Spec.Given(Created, Assigned, Org, PartnerOwnsSubaccount, CustomerAdminsSubaccount,
            PartnerOwnsOrganization, Granted("organization", "bpfbbbbbbbbbbbbbbbbb", CustomerAccount, "organization-manager.organizations.owner")).StateAfter().Provisioning);

    [Fact]
    public void After_a_decline_the_partners_bindings_are_not_waited_for()
    {
        var declined = new InvitationDeclined(Partner, CustomerAccount, Subaccount, Now);
        Spec.Given(Created, Assigned, Org, CustomerAdminsSubaccount, CustomerOwnsOrganization)
            .When(new DeclineInvite(CustomerAccount, Now)).Then(declined, new ProvisioningCompleted(Now));
    }

    [Fact]
    public void A_record_from_before_bindings_were_followed_is_complete_with_its_subaccount_and_organization()
    {
        // Stored before this build: its creation event has no TracksBindings (false).
        var before = Invited.Created;
        Assert.Equal(ProvisioningStatus.Complete, Spec.Given(before, Assigned, Org).StateAfter().Provisioning);
        Assert.Equal(ProvisioningStatus.InProgress, Spec.Given(before, Assigned).StateAfter().Provisioning);
        Spec.Given(before, Assigned).When(new AssignOrganization(Organization, Now)).Then(OrgWithoutBindings, new ProvisioningCompleted(Now));
        Assert.Equal(ProvisioningStatus.InProgress, Spec.Given(Created, Assigned, Org).StateAfter().Provisioning);
    }

    [Fact]
    public void An_email_refused_for_good_fails_provisioning_with_the_reason_once()
    {
        var failed = Spec.Given(Created, Assigned).When(new RecordEmailFailure("550 mailbox unavailable", Now)).Decide();
        var reason = Assert.IsType<ProvisioningFailed>(Assert.Single(failed)).Reason;
        Assert.Contains("550 mailbox unavailable", reason);
        Assert.Contains("invite link", reason);
        var state = Spec.Given(Created, Assigned).StateAfter(failed.ToArray());
        Assert.Equal((ProvisioningStatus.Failed, reason), (state.Provisioning, state.ProvisioningFailure));
        Spec.Given([Created, Assigned, .. failed]).When(new RecordEmailFailure("again", Now)).ThenNothing();
        // The remaining steps arriving later do not turn it into COMPLETE.
        Spec.Given([Created, Assigned, Org, PartnerOwnsSubaccount, CustomerAdminsSubaccount, PartnerOwnsOrganization, .. failed])
            .When(Grant("organization", Organization, CustomerAccount, "organization-manager.organizations.owner")).Then(CustomerOwnsOrganization);
    }

    [Fact]
    public void Once_the_customer_answered_the_email_no_longer_matters() =>
        Spec.Given(Created, Assigned, new PartnershipConfirmed(Partner, CustomerAccount, Subaccount, Now))
            .When(new RecordEmailFailure("550", Now)).ThenNothing();

    [Fact]
    public void The_history_tells_the_grants_and_the_completion()
    {
        var events = new object[] { Created, PartnerOwnsSubaccount, CustomerAdminsSubaccount, new ProvisioningCompleted(Now) };
        var history = CustomerHistory.Of(events.Select((e, i) => new RecordedEvent(Guid.NewGuid(), "customer-cst1", i + 1, i, "", e, Now, null)).ToList());
        Assert.Equal(["created", "role-granted", "role-granted", "provisioning-complete"], history.Select(e => e.Change));
        Assert.Equal([1L, 2, 3, 4], history.Select(e => e.Version));
        Assert.Contains("to the partner", history[1].Description);
        Assert.Contains("to the customer", history[2].Description);
    }

    [Fact]
    public void The_history_tells_the_bindings_that_came_with_the_organization_one_by_one_at_its_version()
    {
        var events = new object[] { Created, Assigned, new OrganizationAssignedV2(Organization, FourBindings, Now), new ProvisioningCompleted(Now) };
        var history = CustomerHistory.Of(events.Select((e, i) => new RecordedEvent(Guid.NewGuid(), "customer-cst1", i + 1, i, "", e, Now, null)).ToList());
        Assert.Equal(["created", "subaccount-assigned", "organization-assigned", "role-granted", "role-granted", "role-granted", "role-granted",
            "provisioning-complete"], history.Select(e => e.Change));
        Assert.Equal([1L, 2, 3, 3, 3, 3, 3, 4], history.Select(e => e.Version));
        Assert.Equal([true, false, true, false], history.Where(e => e.Change == "role-granted").Select(e => e.Description.Contains("to the partner")));
    }
}
