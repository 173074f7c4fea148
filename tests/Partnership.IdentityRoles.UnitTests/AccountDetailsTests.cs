using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;

namespace Partnership.IdentityRoles.UnitTests;

public class AccountDetailsTests
{
    [Theory]
    [InlineData("", "Partner", "email")]
    [InlineData("   ", "Partner", "email")]
    [InlineData("not-an-email", "Partner", "email")]
    [InlineData("a b@c.ru", "Partner", "email")]
    [InlineData("a@localhost", "Partner", "email")]
    [InlineData("Name <a@b.ru>", "Partner", "email")]
    [InlineData("a@b.ru", "", "display_name")]
    [InlineData("a@b.ru", "   ", "display_name")]
    [InlineData("a@b.ru", "Bad\u0007Name", "display_name")]
    [InlineData("a@b.ru", "Bad\nName", "display_name")]
    public void Invalid_fields_are_named(string email, string displayName, string field)
    {
        var error = Assert.Throws<DomainException>(() => ValidAccountDetails.From(email, displayName));
        Assert.Equal(DomainErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Null_fields_are_named()
    {
        Assert.Equal("email", Assert.Throws<DomainException>(() => ValidAccountDetails.From(null, "x")).Field);
        Assert.Equal("display_name", Assert.Throws<DomainException>(() => ValidAccountDetails.From("a@b.ru", null)).Field);
    }

    [Fact]
    public void A_display_name_of_100_characters_is_accepted_and_101_refused()
    {
        Assert.Equal(100, ValidAccountDetails.From("a@b.ru", new string('x', 100)).DisplayName.Length);
        Assert.Equal("display_name", Assert.Throws<DomainException>(() => ValidAccountDetails.From("a@b.ru", new string('x', 101))).Field);
    }

    [Fact]
    public void Display_name_is_trimmed_and_email_lowercased() =>
        Assert.Equal(new ValidAccountDetails("partner@yandex.ru", "Partner LLC"), ValidAccountDetails.From(" Partner@Yandex.RU ", "  Partner LLC "));
}
