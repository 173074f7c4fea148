using Partnership.Customer.Domain;
using Partnership.EventSourcing;

namespace Partnership.Customer.Onboarding.Ending;

/// <summary>The partner or the customer ends an Active partnership, by the record's ID.</summary>
public sealed class EndPartnershipHandler(CommandHandler commands, TimeProvider clock)
{
    public Task<CommandResult<CustomerRecord>> Handle(string callerAccountId, string? customerId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(customerId) || !ResourceIds.IsValid(customerId, CustomerIds.Prefix))
            throw DomainException.Invalid("customer_id", "must be a customer ID in cst... format.");
        return commands.Handle<CustomerRecord, CustomerCommand>(CustomerIds.Stream(customerId),
            new EndPartnership(callerAccountId, clock.GetUtcNow()), ct);
    }
}
