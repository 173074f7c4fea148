using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;

namespace Partnership.CustomerService.Onboarding.Confirming;

/// <summary>The customer accepts or declines, by the subaccount ID the invite link carries.</summary>
public sealed class InviteAnswerHandler(CommandHandler commands, IEventStore store, TimeProvider clock)
{
    public Task<CommandResult<CustomerRecord>> Accept(string callerAccountId, string? subaccountId, CancellationToken ct) =>
        Answer(subaccountId, new AcceptInvite(callerAccountId, clock.GetUtcNow()), ct);

    public Task<CommandResult<CustomerRecord>> Decline(string callerAccountId, string? subaccountId, CancellationToken ct) =>
        Answer(subaccountId, new DeclineInvite(callerAccountId, clock.GetUtcNow()), ct);

    private async Task<CommandResult<CustomerRecord>> Answer(string? subaccountId, AnswerInvite answer, CancellationToken ct)
    {
        if (!ResourceIds.IsValid(subaccountId, "dn2"))
            throw DomainException.Invalid("subaccount_id", "must be a subaccount ID in dn2... format.");
        var index = await store.ReadStream(CustomerIds.SubaccountIndexStream(subaccountId!), ct);
        if (index.Events.Select(e => e.Data).OfType<SubaccountIndexed>().FirstOrDefault() is not { } indexed)
            throw DomainException.NotFound("No customer record has this subaccount.");
        return await commands.Handle<CustomerRecord, CustomerCommand>(CustomerIds.Stream(indexed.CustomerId), answer, ct);
    }
}
