using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;

namespace Partnership.CustomerService.Onboarding.Ending;

/// <summary>The partner or the customer ends an Active partnership, by the record's ID.</summary>
public sealed class EndPartnershipHandler(CommandHandler commands, TimeProvider clock)
{
    public Task<CommandResult<CustomerRecord>> Handle(string callerAccountId, string? customerId, CancellationToken ct) =>
        commands.Handle<CustomerRecord, CustomerCommand>(CustomerIds.RequireStream(customerId),
            new EndPartnership(callerAccountId, clock.GetUtcNow()), ct);
}
