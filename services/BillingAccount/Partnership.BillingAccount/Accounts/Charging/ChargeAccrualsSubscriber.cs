using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Accounts.Charging;

/// <summary>
/// The safety net of <see cref="RecordChargeHandler"/>: a crash between recording the charge request and accruing it
/// would leave the charge uncounted until the client retried; this checkpointed subscription accrues every recorded
/// request again from the log, which changes nothing when the request already did.
/// </summary>
public sealed class ChargeAccrualsSubscriber(IServiceProvider services, ILogger<ChargeAccrualsSubscriber> logger) : ICatchUpSubscriber
{
    // Resolved on first use, not injected: Marten builds subscriptions while it configures the store, and the
    // command handler depends on the store: injected, the store would depend on itself and start-up would hang.
    private ChargeAccruals Accruals => field ??= services.GetRequiredService<ChargeAccruals>();

    public string SubscriptionName => "charge-accruals";

    public async Task Handle(IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var requested in events.Select(e => e.Data).OfType<ChargeRequested>())
        {
            try
            {
                await Accruals.Accrue(ChargeRequestRecord.Evolve(ChargeRequestRecord.Initial, requested), ct);
            }
            catch (DomainException e)
            {
                // A refusal would be refused again on every retry and hold every later charge behind it: say so, move on.
                logger.LogError(e, "Charge request {RequestId} for cloud {CloudId} cannot be accrued", requested.RequestId, requested.CloudId);
            }
        }
    }
}
