using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;

namespace Partnership.CustomerService.Onboarding.Suspending;

/// <summary>An operator suspends or resumes an Active partnership, by the record's ID.</summary>
public sealed class SuspensionHandler(CommandHandler commands, TimeProvider clock)
{
    public Task<CommandResult<CustomerRecord>> Suspend(string operatorAccountId, string? customerId, CancellationToken ct) =>
        commands.Handle<CustomerRecord, CustomerCommand>(CustomerIds.RequireStream(customerId),
            new SuspendPartnership(operatorAccountId, clock.GetUtcNow()), ct);

    public Task<CommandResult<CustomerRecord>> Resume(string operatorAccountId, string? customerId, CancellationToken ct) =>
        commands.Handle<CustomerRecord, CustomerCommand>(CustomerIds.RequireStream(customerId),
            new ResumePartnership(operatorAccountId, clock.GetUtcNow()), ct);
}
