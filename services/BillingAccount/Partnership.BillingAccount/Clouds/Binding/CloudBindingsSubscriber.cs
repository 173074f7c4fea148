using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Clouds.Binding;

/// <summary>
/// The safety net of <see cref="CloudBindings"/>: the request that creates or moves a cloud copies the binding at once,
/// but a crash between its two appends would leave the accounts behind; this checkpointed subscription copies every
/// binding change again from the log, which changes nothing when the request already did.
/// </summary>
public sealed class CloudBindingsSubscriber(IServiceProvider services) : ICatchUpSubscriber
{
    // Resolved on first use, not injected: Marten builds subscriptions while it configures the store, and the
    // command handler depends on the store: injected, the store would depend on itself and start-up would hang.
    private CloudBindings Bindings => field ??= services.GetRequiredService<CloudBindings>();

    public string SubscriptionName => "cloud-bindings";

    public async Task Handle(IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var recorded in events.Where(e => e.Data is CloudCreated or CloudMoved))
            await Bindings.Copy(CloudIds.FromStream(recorded.StreamId), recorded.StreamVersion, recorded.Data, ct);
    }
}
