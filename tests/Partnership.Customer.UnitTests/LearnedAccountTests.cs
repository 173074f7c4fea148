using Partnership.CustomerService.Domain;
using Spec = Partnership.Testing.DeciderSpec<Partnership.CustomerService.Domain.LearnedAccount, Partnership.CustomerService.Domain.LearnedAccountCommand>;
using EmailSpec = Partnership.Testing.DeciderSpec<Partnership.CustomerService.Domain.LearnedEmail, Partnership.CustomerService.Domain.LearnAccountEmail>;

namespace Partnership.CustomerService.UnitTests;

/// <summary>What the Customer service learns of an account from other services' events: last writer wins per fact.</summary>
public class LearnedAccountTests
{
    private const string Partner = "ajepartner0000000001";
    private static readonly DateTimeOffset T1 = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddSeconds(1);

    private static LearnPartnerStatus Assign(DateTimeOffset at) => new(Partner, true, at);
    private static LearnPartnerStatus Withdraw(DateTimeOffset at) => new(Partner, false, at);
    private static PartnerStatusLearned Status(bool partner, DateTimeOffset at) => new(Partner, partner, at);
    private static PaidModeLearned Paid(bool paid, DateTimeOffset at) => new(Partner, paid, at);

    [Fact]
    public void An_assigned_status_is_learned()
    {
        Spec.Given().When(Assign(T1)).Then(Status(true, T1));
        Assert.True(Spec.Given().StateAfter(Status(true, T1)).IsPartner);
    }

    [Fact]
    public void A_redelivered_assignment_changes_nothing() => Spec.Given(Status(true, T1)).When(Assign(T1)).ThenNothing();

    [Fact]
    public void A_withdrawal_after_the_assignment_makes_the_account_no_partner()
    {
        Spec.Given(Status(true, T1)).When(Withdraw(T2)).Then(Status(false, T2));
        Assert.False(Spec.Given(Status(true, T1)).StateAfter(Status(false, T2)).IsPartner);
    }

    [Fact]
    public void An_assignment_overtaken_by_its_withdrawal_changes_nothing() =>
        Spec.Given(Status(false, T2)).When(Assign(T1)).ThenNothing();

    [Fact]
    public void A_withdrawal_never_preceded_by_an_assignment_is_still_recorded() =>
        Spec.Given().When(Withdraw(T1)).Then(Status(false, T1));

    [Fact]
    public void A_status_assigned_again_after_a_withdrawal_is_learned() =>
        Spec.Given(Status(true, T1), Status(false, T2)).When(Assign(T2.AddSeconds(1))).Then(Status(true, T2.AddSeconds(1)));

    [Fact]
    public void Nothing_heard_is_no_partner_and_not_paid()
    {
        var state = Spec.Given().StateAfter();
        Assert.False(state.IsPartner);
        Assert.False(state.InPaidMode);
    }

    [Fact]
    public void A_new_billing_account_is_learned_as_not_paid_and_the_switch_as_paid()
    {
        Spec.Given().When(new LearnPaidMode(Partner, false, T1)).Then(Paid(false, T1));
        Spec.Given(Paid(false, T1)).When(new LearnPaidMode(Partner, true, T2)).Then(Paid(true, T2));
        Assert.True(Spec.Given(Paid(false, T1)).StateAfter(Paid(true, T2)).InPaidMode);
    }

    [Fact]
    public void A_billing_account_creation_heard_after_the_switch_changes_nothing() =>
        Spec.Given(Paid(true, T2)).When(new LearnPaidMode(Partner, false, T1)).ThenNothing();

    [Fact]
    public void Paid_mode_and_partner_status_are_separate_facts()
    {
        Spec.Given(Paid(true, T2)).When(Assign(T1)).Then(Status(true, T1));
        var state = Spec.Given(Status(true, T2)).StateAfter(Paid(true, T1));
        Assert.True(state.IsPartner && state.InPaidMode);
    }

    [Fact]
    public void An_email_is_learned_once_and_a_redelivery_changes_nothing()
    {
        var learned = new AccountEmailLearned("acme@yandex.ru", "ajecustomer000000001", T1);
        EmailSpec.Given().When(new LearnAccountEmail("acme@yandex.ru", "ajecustomer000000001", T1)).Then(learned);
        EmailSpec.Given(learned).When(new LearnAccountEmail("acme@yandex.ru", "ajecustomer000000001", T1)).ThenNothing();
        Assert.Equal("ajecustomer000000001", EmailSpec.Given().StateAfter(learned).AccountId);
    }
}
