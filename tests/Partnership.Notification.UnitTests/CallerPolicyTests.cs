using Partnership.Contracts.Notification.V1;
using Partnership.Notification.Api;

namespace Partnership.Notification.UnitTests;

public class CallerPolicyTests
{
    [Fact]
    public void Every_rpc_of_the_service_has_a_rule() => Assert.Empty(NotificationPolicy.Create().Unruled(ConfirmationEmails.Descriptor,
        Contracts.Events.V1.IntegrationEvents.Descriptor));
}
