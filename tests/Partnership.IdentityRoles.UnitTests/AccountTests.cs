using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Spec = Partnership.Testing.DeciderSpec<Partnership.IdentityRoles.Domain.AccountRecord, Partnership.IdentityRoles.Domain.AccountCommand>;

namespace Partnership.IdentityRoles.UnitTests;

public class AccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly ValidAccountDetails Details = new("partner@yandex.ru", "Partner LLC");
    private static readonly string Id = AccountIds.ForEmail("partner@yandex.ru");
    private static readonly AccountRegistered Registered = new(Id, "partner@yandex.ru", "Partner LLC", Now);

    [Fact]
    public void An_operator_registers_an_account_whose_id_derives_from_the_email()
    {
        var command = RegisterAccount.For(Details, Now);
        Assert.Equal(Id, command.AccountId);
        Assert.True(ResourceIds.IsValid(command.AccountId, "aje"));
        Spec.Given().When(command).Then(Registered);
        var state = Spec.Given().StateAfter(Registered);
        Assert.True(state.Exists);
        Assert.False(state.Partner);
    }

    [Fact]
    public void The_same_email_in_another_case_derives_the_same_account() =>
        Assert.Equal(Id, RegisterAccount.For(ValidAccountDetails.From(" Partner@Yandex.RU ", "x"), Now).AccountId);

    [Fact]
    public void Registering_the_same_email_again_is_already_exists() =>
        Spec.Given(Registered).When(RegisterAccount.For(Details with { DisplayName = "Other" }, Now))
            .ThenFails(DomainErrorKind.AlreadyExists, "partner@yandex.ru");

    [Fact]
    public void Partner_status_is_assigned()
    {
        Spec.Given(Registered).When(new AssignPartnerStatus(Now)).Then(new PartnerStatusAssigned(Now));
        Assert.True(Spec.Given(Registered).StateAfter(new PartnerStatusAssigned(Now)).Partner);
    }

    [Fact]
    public void Assigning_partner_status_again_is_a_no_op() =>
        Spec.Given(Registered, new PartnerStatusAssigned(Now)).When(new AssignPartnerStatus(Now)).ThenNothing();

    [Fact]
    public void Partner_status_is_withdrawn()
    {
        Spec.Given(Registered, new PartnerStatusAssigned(Now)).When(new WithdrawPartnerStatus(Now)).Then(new PartnerStatusWithdrawn(Now));
        Assert.False(Spec.Given(Registered, new PartnerStatusAssigned(Now)).StateAfter(new PartnerStatusWithdrawn(Now)).Partner);
    }

    [Fact]
    public void Withdrawing_partner_status_it_does_not_have_is_a_no_op()
    {
        Spec.Given(Registered).When(new WithdrawPartnerStatus(Now)).ThenNothing();
        Spec.Given(Registered, new PartnerStatusAssigned(Now), new PartnerStatusWithdrawn(Now)).When(new WithdrawPartnerStatus(Now)).ThenNothing();
    }

    [Fact]
    public void Partner_status_of_an_unknown_account_is_not_found()
    {
        Spec.Given().When(new AssignPartnerStatus(Now)).ThenFails(DomainErrorKind.NotFound);
        Spec.Given().When(new WithdrawPartnerStatus(Now)).ThenFails(DomainErrorKind.NotFound);
    }

    [Fact]
    public void Partner_status_can_be_assigned_again_after_withdrawal() =>
        Spec.Given(Registered, new PartnerStatusAssigned(Now), new PartnerStatusWithdrawn(Now)).When(new AssignPartnerStatus(Now))
            .Then(new PartnerStatusAssigned(Now));
}
