using Partnership.Contracts.Customers.V1;
using Partnership.CustomerService.Api;

namespace Partnership.CustomerService.UnitTests;

public class CallerPolicyTests
{
    [Fact]
    public void Every_rpc_of_the_service_has_a_rule() => Assert.Empty(CustomerPolicy.Create().Unruled(Customers.Descriptor,
        Contracts.Events.V1.IntegrationEvents.Descriptor));
}
