using Microsoft.Extensions.Options;
using Partnership.Customer.Domain;
using Partnership.EventSourcing;

namespace Partnership.Customer.Onboarding.Expiring;

/// <summary>The partner invites a declined or expired customer again, by the record's ID.</summary>
public sealed class ReinviteHandler(CommandHandler commands, IOptions<PortalOptions> portal, TimeProvider clock)
{
    public Task<CommandResult<CustomerRecord>> Handle(string callerAccountId, string? customerId, CancellationToken ct) =>
        commands.Handle<CustomerRecord, CustomerCommand>(CustomerIds.RequireStream(customerId),
            new Reinvite(customerId!, callerAccountId, portal.Value.BaseUrl, clock.GetUtcNow()), ct);
}
