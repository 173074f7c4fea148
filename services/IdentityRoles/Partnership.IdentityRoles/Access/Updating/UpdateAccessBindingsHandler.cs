using Partnership.EventSourcing;
using Partnership.IdentityRoles.AccountManagement.Reading;
using Partnership.IdentityRoles.Domain;

namespace Partnership.IdentityRoles.Access.Updating;

/// <summary>
/// A manager of a cloud or a billing account changes who holds which role on it (how a customer lets a partner
/// link a cloud, and takes that back). The decider checks the caller's role and applies every delta in one append.
/// </summary>
public sealed class UpdateAccessBindingsHandler(CommandHandler commands, AccountQueries accounts, TimeProvider clock)
{
    public async Task<ResourceAccessBindings> Handle(string callerAccountId, string resourceType, string? resourceId,
        IReadOnlyList<BindingDelta> deltas, CancellationToken ct)
    {
        // The ID becomes part of the stream name, so it is checked before the stream is read.
        var id = AccessIds.RequireResourceId(resourceId);
        var result = await commands.Handle<ResourceAccessBindings, AccessCommand>(AccessIds.Stream(resourceType, id),
            new UpdateBindings(resourceType, id, callerAccountId, deltas, clock.GetUtcNow(), await accounts.IsPartner(callerAccountId, ct)), ct);
        return result.State;
    }
}
