using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.UnitTests;

public class BillingAccountIdsTests
{
    private const string Account = "ajeowner000000000001";
    private const string CustomerId = "cstaaaaaaaaaaaaaaaaa";

    [Fact]
    public void Ids_are_dn2_and_17_lowercase_letters_or_digits()
    {
        foreach (var id in new[] { BillingAccountIds.Personal(Account), BillingAccountIds.Subaccount(CustomerId) })
        {
            Assert.Matches("^dn2[0-9a-z]{17}$", id);
            Assert.Equal(20, id.Length);
            Assert.True(ResourceIds.IsValid(id, "dn2"));
            Assert.True(BillingAccountIds.IsValid(id));
        }
    }

    [Fact]
    public void Ids_are_deterministic()
    {
        Assert.Equal(BillingAccountIds.Personal(Account), BillingAccountIds.Personal(Account));
        Assert.Equal(BillingAccountIds.Subaccount(CustomerId), BillingAccountIds.Subaccount(CustomerId));
        Assert.Equal(ResourceIds.Derive("dn2", "personal/" + Account), BillingAccountIds.Personal(Account));
        Assert.Equal(ResourceIds.Derive("dn2", "subaccount/" + CustomerId), BillingAccountIds.Subaccount(CustomerId));
    }

    [Fact]
    public void Different_seeds_give_different_ids()
    {
        Assert.NotEqual(BillingAccountIds.Personal(Account), BillingAccountIds.Personal("ajeowner000000000002"));
        Assert.NotEqual(BillingAccountIds.Personal(Account), BillingAccountIds.Subaccount(Account));
    }

    [Fact]
    public void The_stream_is_named_after_the_id() =>
        Assert.Equal("billing-account-dn2aaaaaaaaaaaaaaaaa", BillingAccountIds.Stream("dn2aaaaaaaaaaaaaaaaa"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("dn2")]
    [InlineData("dn2AAAAAAAAAAAAAAAAA")]
    [InlineData("cstaaaaaaaaaaaaaaaaa")]
    [InlineData("dn2aaaaaaaaaaaaaaaaaa")]
    [InlineData("dn2aaaaaaaaaaaaaaa-a")]
    public void Malformed_ids_are_refused(string? id) => Assert.False(BillingAccountIds.IsValid(id));
}
