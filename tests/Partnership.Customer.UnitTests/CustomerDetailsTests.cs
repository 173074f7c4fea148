using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;

namespace Partnership.CustomerService.UnitTests;

public class CustomerDetailsTests
{
    [Theory]
    [InlineData("r", "", "a@b.ru", "name")]
    [InlineData("r", "   ", "a@b.ru", "name")]
    [InlineData("r", "Bad\u0007Name", "a@b.ru", "name")]
    [InlineData("r", "Acme", "", "email")]
    [InlineData("r", "Acme", "not-an-email", "email")]
    [InlineData("r", "Acme", "a b@c.ru", "email")]
    [InlineData("r", "Acme", "a@localhost", "email")]
    [InlineData("", "Acme", "a@b.ru", "request_id")]
    public void Invalid_fields_are_named(string requestId, string name, string email, string field)
    {
        var error = Assert.Throws<DomainException>(() => ValidCustomerDetails.From(requestId, name, email));
        Assert.Equal(DomainErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void A_name_longer_than_the_limit_is_refused() =>
        Assert.Equal("name", Assert.Throws<DomainException>(() => ValidCustomerDetails.From("r", new string('x', 201), "a@b.ru")).Field);

    [Fact]
    public void Name_is_trimmed_and_email_lowercased()
    {
        var details = ValidCustomerDetails.From("r", "  Acme LLC ", " Acme@Yandex.RU ");
        Assert.Equal(new ValidCustomerDetails("Acme LLC", "acme@yandex.ru"), details);
    }
}
