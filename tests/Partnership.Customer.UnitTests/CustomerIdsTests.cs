using Partnership.CustomerService.Domain;

namespace Partnership.CustomerService.UnitTests;

public class CustomerIdsTests
{
    [Fact]
    public void A_customer_stream_gives_back_its_customer_id()
    {
        var customerId = CustomerIds.For("ajepartner0000000000", "ajecustomer000000000");
        Assert.Equal(customerId, CustomerIds.FromStream(CustomerIds.Stream(customerId)));
    }

    [Theory]
    [InlineData("billing-account-dn2aaaaaaaaaaaaaaaaa")]
    [InlineData("customer-")]
    [InlineData("")]
    public void A_stream_of_another_kind_is_refused_rather_than_sliced(string streamId) =>
        Assert.Throws<ArgumentException>(() => CustomerIds.FromStream(streamId));
}
