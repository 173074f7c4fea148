using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Clouds.Binding;

/// <summary>
/// Copies a cloud's binding from its stream (the source of truth) onto the billing accounts' streams, so an account
/// knows the clouds it pays for without lag. Idempotent and order-tolerant: each copy carries the cloud version.
/// </summary>
public sealed class CloudBindings(CommandHandler commands, TimeProvider clock, ILogger<CloudBindings> logger)
{
    /// <param name="cloudVersion">The cloud stream version of <paramref name="cloudEvent"/>.</param>
    public async Task Copy(string cloudId, long cloudVersion, object cloudEvent, CancellationToken ct)
    {
        switch (cloudEvent)
        {
            case CloudCreated e:
                await Handle(e.BillingAccountId, new BindCloud(cloudId, cloudVersion, clock.GetUtcNow()), ct);
                break;
            // Off the old account first: for a moment the cloud shows on neither, never on both.
            case CloudMoved e:
                await Handle(e.From, new UnbindCloud(cloudId, cloudVersion, clock.GetUtcNow()), ct);
                await Handle(e.To, new BindCloud(cloudId, cloudVersion, clock.GetUtcNow()), ct);
                break;
        }
    }

    /// <summary>
    /// Copies what a request just appended to a cloud stream ending at <paramref name="version"/>. The cloud stream
    /// already holds the truth, so a failure here does not fail the request: <see cref="CloudBindingsSubscriber"/> copies
    /// it a moment later.
    /// </summary>
    public async Task CopyAppended(string cloudId, long version, IReadOnlyList<object> appended, CancellationToken ct)
    {
        try
        {
            for (var i = 0; i < appended.Count; i++)
                await Copy(cloudId, version - appended.Count + 1 + i, appended[i], ct);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not copy the binding of cloud {CloudId} at version {Version} now; the subscription will", cloudId, version);
        }
    }

    private Task Handle(string billingAccountId, BillingAccountCommand command, CancellationToken ct) =>
        commands.Handle<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(billingAccountId), command, ct);
}
