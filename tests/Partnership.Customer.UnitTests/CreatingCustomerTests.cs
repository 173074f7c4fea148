using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;
using Spec = Partnership.Testing.DeciderSpec<Partnership.CustomerService.Domain.CustomerRecord, Partnership.CustomerService.Domain.CustomerCommand>;

namespace Partnership.CustomerService.UnitTests;

public class CreatingCustomerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private const string Partner = "ajepartner0000000001";
    private const string CustomerAccount = "ajecustomer000000001";
    private static readonly string Id = CustomerIds.For(Partner, CustomerAccount);
    private static readonly ValidCustomerDetails Details = new("Acme", "acme@yandex.ru");

    private static CreateCustomer Create(bool paid = true, string requestId = "r1", string account = CustomerAccount) =>
        new(Id, Partner, paid, account, Details, requestId, Now);

    private static CustomerRecordCreated Created(string requestId = "r1") =>
        new(Id, Partner, CustomerAccount, "Acme", "acme@yandex.ru", requestId, Now, TracksBindings: true);

    [Fact]
    public void A_partner_in_paid_mode_creates_a_record_awaiting_verification()
    {
        // From this build on, a new record follows its provisioning steps, default bindings included.
        Spec.Given().When(Create()).Then(Created());
        var state = Spec.Given().StateAfter(Created());
        Assert.Equal(CustomerStatus.VerificationRequired, state.Status);
        Assert.Equal(ProvisioningStatus.InProgress, state.Provisioning);
    }

    [Fact]
    public void A_partner_in_trial_mode_must_switch_to_paid_consumption() =>
        Assert.Equal(ErrorReasons.PaidModeRequired,
            Spec.Given().When(Create(paid: false)).ThenFails(DomainErrorKind.FailedPrecondition, "switch to paid consumption mode").Reason);

    [Fact]
    public void Retrying_with_the_same_request_id_creates_nothing_new() =>
        Spec.Given(Created("r1")).When(Create(requestId: "r1")).ThenNothing();

    [Fact]
    public void Adding_the_same_customer_again_is_already_exists() =>
        Assert.Equal("ALREADY_EXISTS", Spec.Given(Created("r1")).When(Create(requestId: "r2")).ThenFails(DomainErrorKind.AlreadyExists).Reason);

    [Fact]
    public void A_partner_cannot_be_its_own_customer() =>
        Assert.Equal("email", Spec.Given().When(Create(account: Partner)).ThenFails(DomainErrorKind.InvalidArgument).Field);
}
