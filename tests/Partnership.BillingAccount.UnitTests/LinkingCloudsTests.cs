using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;
using Spec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.CloudRecord, Partnership.BillingAccount.Domain.CloudCommand>;

namespace Partnership.BillingAccount.UnitTests;

/// <summary>Given the cloud's stream, when someone links it with what Identity/Roles says they hold now, then the move or the refusal.</summary>
public class LinkingCloudsTests
{
    private static readonly DateTimeOffset LinkTime = Now.AddHours(2);
    private static readonly Owing CustomerOwes = new(25m, "RUB");

    private static LinkAccess Access(string about, RoleCheck onCloud, RoleCheck? onAccount) => new(about, onCloud, onAccount);

    private static RoleCheck OnCloud(params string[] held) => Holds(CloudRoles, held);
    private static RoleCheck OnAccount(params string[] held) => Holds(BillingAccountRoles, held);

    private static LinkCloud Link(string caller, string target, BillingAccountRecord targetRecord, LinkAccess access, Owing? owes = null,
        bool callerIsPartner = true, bool seesCurrent = false) =>
        new(caller, target, targetRecord, access, owes ?? CustomerOwes, LinkTime, targetRecord.Billable, callerIsPartner, seesCurrent);

    [Fact]
    public void The_customer_links_its_own_cloud_into_its_subaccount()
    {
        // Its own personal account pays for the cloud now: no billing-account role is needed.
        Spec.Given(Created).When(Link(Customer, Subaccount, SubaccountRecord, Access(CustomerPersonal, OnCloud("resource-manager.clouds.owner"), null)))
            .Then(new CloudMoved(CustomerPersonal, Subaccount, Customer, 25m, "RUB", LinkTime));
        Assert.Equal(Subaccount, Spec.Given(Created).StateAfter(new CloudMoved(CustomerPersonal, Subaccount, Customer, 25m, "RUB", LinkTime))
            .BillingAccountId);
    }

    [Fact]
    public void The_partner_with_a_linking_role_and_a_role_on_the_customers_account_links_it() =>
        Spec.Given(Created)
            .When(Link(Partner, Subaccount, SubaccountRecord, Access(CustomerPersonal, OnCloud("editor"), OnAccount("billing.accounts.editor"))))
            .Then(new CloudMoved(CustomerPersonal, Subaccount, Partner, 25m, "RUB", LinkTime));

    [Fact]
    public void A_cloud_the_partner_holds_no_role_on_is_not_there_for_it() =>
        Spec.Given(Created)
            .When(Link(Partner, Subaccount, SubaccountRecord, Access(CustomerPersonal, OnCloud(), OnAccount("billing.accounts.owner"))))
            .ThenFails(DomainErrorKind.NotFound, $"No cloud {CloudId}");

    [Fact]
    public void A_cloud_the_partner_sees_through_its_paying_account_but_holds_no_role_on_is_denied() =>
        Spec.Given(Created)
            .When(Link(Partner, Subaccount, SubaccountRecord, Access(CustomerPersonal, OnCloud(), OnAccount("billing.accounts.owner")),
                seesCurrent: true))
            .ThenFails(DomainErrorKind.PermissionDenied, "no role on cloud");

    [Fact]
    public void A_viewer_of_the_customers_account_cannot_move_its_cloud_away() =>
        Spec.Given(Created)
            .When(Link(Partner, Subaccount, SubaccountRecord, Access(CustomerPersonal, OnCloud("admin"), OnAccount("billing.accounts.viewer"))))
            .ThenFails(DomainErrorKind.PermissionDenied, "no role on billing account");

    [Fact]
    public void The_partner_cannot_move_one_customers_cloud_into_another_customers_subaccount() =>
        Spec.Given(Created)
            .When(Link(Partner, OtherSubaccount, OtherSubaccountRecord, Access(CustomerPersonal, OnCloud("admin"), OnAccount("admin"))))
            .ThenFails(DomainErrorKind.PermissionDenied, "belongs to another customer");

    [Fact]
    public void Nothing_moves_into_a_subaccount_before_its_customer_confirms() =>
        Spec.Given(Created)
            .When(Link(Customer, Subaccount, PendingSubaccountRecord, Access(CustomerPersonal, OnCloud("resource-manager.clouds.owner"), null)))
            .ThenFails(DomainErrorKind.FailedPrecondition, "confirms the partnership");

    [Fact]
    public void A_partner_whose_status_was_withdrawn_links_nothing() =>
        Spec.Given(Created)
            .When(Link(Partner, Subaccount, SubaccountRecord, Access(CustomerPersonal, OnCloud("editor"), OnAccount("billing.accounts.editor")),
                callerIsPartner: false))
            .ThenFails(DomainErrorKind.PermissionDenied, "no partner status");

    [Fact]
    public void The_partner_with_a_weak_role_on_the_cloud_is_denied() =>
        Spec.Given(Created)
            .When(Link(Partner, Subaccount, SubaccountRecord,
                Access(CustomerPersonal, OnCloud("resource-manager.clouds.member"), OnAccount("billing.accounts.owner"))))
            .ThenFails(DomainErrorKind.PermissionDenied, "do not allow linking");

    [Fact]
    public void The_partner_with_no_role_on_the_customers_billing_account_is_denied() =>
        Spec.Given(Created)
            .When(Link(Partner, Subaccount, SubaccountRecord, Access(CustomerPersonal, OnCloud("admin"), OnAccount())))
            .ThenFails(DomainErrorKind.PermissionDenied, "no role on billing account");

    [Fact]
    public void Linking_to_where_it_is_already_records_nothing_and_asks_nothing()
    {
        var given = Spec.Given(Created, Moved(CustomerPersonal, Subaccount, Customer));
        given.When(Link(Partner, Subaccount, SubaccountRecord, Access(Subaccount, OnCloud(), null))).ThenNothing();
        var plan = CloudRecord.PlanLink(Partner, Subaccount, SubaccountRecord, given.StateAfter());
        Assert.True(plan.AlreadyThere);
    }

    [Fact]
    public void The_loser_of_two_concurrent_links_decides_again_and_finds_the_move_done() =>
        // Both decided on the cloud at its own account with the same facts; the winner's move is now in the stream.
        Spec.Given(Created, Moved(CustomerPersonal, Subaccount, Customer))
            .When(Link(Partner, Subaccount, SubaccountRecord, Access(CustomerPersonal, OnCloud("editor"), OnAccount("billing.accounts.editor"))))
            .ThenNothing();

    [Fact]
    public void Facts_gathered_about_another_binding_are_not_decided_on() =>
        Spec.Given(Created, Moved(CustomerPersonal, OtherSubaccount, Partner))
            .When(Link(Partner, Subaccount, SubaccountRecord, Access(CustomerPersonal, OnCloud("editor"), OnAccount("billing.accounts.editor"))))
            .ThenFails(DomainErrorKind.FailedPrecondition, "moved");

    [Fact]
    public void The_customer_moves_its_cloud_back_to_its_own_account_carrying_what_the_subaccount_owes()
    {
        // On the subaccount now, which is not the customer's own: its admin role there (from onboarding) lets it move the cloud away.
        Spec.Given(Created, Moved(CustomerPersonal, Subaccount, Partner))
            .When(Link(Customer, CustomerPersonal, CustomerAccount, Access(Subaccount, OnCloud("resource-manager.clouds.owner"), OnAccount("admin")),
                new Owing(12.5m, "RUB")))
            .Then(new CloudMoved(Subaccount, CustomerPersonal, Customer, 12.5m, "RUB", LinkTime));
    }

    [Fact]
    public void The_plan_says_which_roles_to_ask_about()
    {
        var cloud = Spec.Given(Created).StateAfter();
        Assert.Equal(new LinkPlan(false, CustomerPersonal, false), CloudRecord.PlanLink(Customer, Subaccount, SubaccountRecord, cloud));
        Assert.Equal(new LinkPlan(false, CustomerPersonal, true), CloudRecord.PlanLink(Partner, Subaccount, SubaccountRecord, cloud));
    }

    [Fact]
    public void A_stranger_cannot_link_into_someone_elses_subaccount_which_is_not_there_for_it() =>
        Spec.Given(Created).When(Link(Stranger, Subaccount, SubaccountRecord, Access(CustomerPersonal, OnCloud("admin"), OnAccount("admin"))))
            .ThenFails(DomainErrorKind.NotFound, $"No billing account {Subaccount}");

    [Fact]
    public void The_partner_cannot_link_into_the_customers_personal_account() =>
        Spec.Given(Created, Moved(CustomerPersonal, Subaccount, Partner))
            .When(Link(Partner, CustomerPersonal, CustomerAccount, Access(Subaccount, OnCloud("admin"), OnAccount("billing.accounts.owner"))))
            .ThenFails(DomainErrorKind.NotFound);

    [Fact]
    public void An_unknown_target_is_not_found() =>
        Spec.Given(Created).When(Link(Customer, Subaccount, BillingAccountRecord.Initial, Access(CustomerPersonal, OnCloud("admin"), null)))
            .ThenFails(DomainErrorKind.NotFound);

    [Fact]
    public void An_unknown_cloud_is_not_found() =>
        Spec.Given().When(Link(Customer, Subaccount, SubaccountRecord, Access("", OnCloud("admin"), null)))
            .ThenFails(DomainErrorKind.NotFound, "No cloud");
}
