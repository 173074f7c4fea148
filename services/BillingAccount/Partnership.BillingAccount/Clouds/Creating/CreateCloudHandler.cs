using Partnership.BillingAccount.Clouds.Binding;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Clouds.Creating;

/// <summary>
/// Creates a cloud bound to a billing account the caller may pay with. The cloud's ID comes from the caller and the
/// request ID, so a retry finds the cloud it created and returns it; Identity/Roles makes the creator the cloud's owner
/// when CloudCreated reaches it.
/// </summary>
public sealed class CreateCloudHandler(CommandHandler commands, CloudBindings bindings, TimeProvider clock)
{
    public async Task<CommandResult<CloudRecord>> Handle(string callerAccountId, string? requestId, string? name, string? organizationId,
        string? billingAccountId, CancellationToken ct)
    {
        var request = ValidCloudRequest.From(requestId, name, organizationId, billingAccountId);
        var cloudId = CloudIds.For(callerAccountId, request.RequestId);
        var (target, _) = await commands.Load<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(request.BillingAccountId), ct);
        var result = await commands.Handle<CloudRecord, CloudCommand>(CloudIds.Stream(cloudId),
            new CreateCloud(cloudId, request, callerAccountId, target, clock.GetUtcNow()), ct);
        // The account lists its new cloud as soon as this answers.
        await bindings.CopyAppended(cloudId, result.Version, result.NewEvents, ct);
        return result;
    }
}
