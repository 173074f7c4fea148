using Partnership.Contracts.Notification.V1;
using Partnership.ServiceDefaults.Authorization;
using Partnership.Messaging.CatchUp;

namespace Partnership.Notification.Api;

/// <summary>Who may call each RPC of Notification; the README's security table says the same.</summary>
public static class NotificationPolicy
{
    public static CallerPolicy Create() => new CallerPolicy()
        .Rpc(ConfirmationEmails.Descriptor, "ListDeliveries", Caller.Operator, "operators only")
        .IntegrationEvents();
}
