using Partnership.Contracts.Identity.V1;
using Partnership.IdentityRoles.Api;

namespace Partnership.IdentityRoles.UnitTests;

public class CallerPolicyTests
{
    [Fact]
    public void Every_rpc_of_the_service_has_a_rule() =>
        Assert.Empty(IdentityPolicy.Create().Unruled(Accounts.Descriptor, AccessBindings.Descriptor,
            Contracts.Events.V1.IntegrationEvents.Descriptor));
}
