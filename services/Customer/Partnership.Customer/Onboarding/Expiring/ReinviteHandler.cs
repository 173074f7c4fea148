using Microsoft.Extensions.Options;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;

namespace Partnership.CustomerService.Onboarding.Expiring;

/// <summary>The partner invites a declined or expired customer again, by the record's ID.</summary>
public sealed class ReinviteHandler(CommandHandler commands, IOptions<PortalOptions> portal, TimeProvider clock)
{
    public Task<CommandResult<CustomerRecord>> Handle(string callerAccountId, string? customerId, CancellationToken ct) =>
        commands.Handle<CustomerRecord, CustomerCommand>(CustomerIds.RequireStream(customerId),
            new Reinvite(customerId!, callerAccountId, portal.Value.BaseUrl, clock.GetUtcNow()), ct);
}
