using Marten;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing;
using Partnership.Notification.Delivering.Reading;
using Partnership.Notification.Domain;

namespace Partnership.Notification.Delivering.Sweeping;

/// <summary>
/// Marks UNKNOWN the deliveries whose sender died between handing the mail to the SMTP server and its answer:
/// a hand-over older than UnknownAfter (longer than any live sender waits) has no sender left. Such an email
/// is never resent. An intent never handed over is not this sweeper's: the resumer sends it. Candidates come
/// from the read model; each decision is taken on the stream itself, so
/// a delivery that completed meanwhile (a stale view, or a conflict on append) is left as it is.
/// Every instance may sweep: the expected version keeps two sweepers from both writing.
/// </summary>
public sealed class UnknownDeliverySweeper(IDocumentStore documents, CommandHandler commands, IOptions<NotificationOptions> options,
    TimeProvider clock, ILogger<UnknownDeliverySweeper> logger) : BackgroundService
{
    public const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepPeriod, clock);
        do
        {
            try
            {
                await Sweep(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store may be away for a moment; the next round tries again.
                logger.LogWarning(e, "Sweeping stale confirmation emails failed; retrying next round");
            }
        } while (await WaitForNextRound(timer, stoppingToken));
    }

    /// <summary>One round: returns how many deliveries it marked unknown.</summary>
    public async Task<int> Sweep(CancellationToken ct)
    {
        var unknownAfter = options.Value.UnknownAfter;
        var cutoff = clock.GetUtcNow() - unknownAfter;
        IReadOnlyList<DeliveryView> stale;
        await using (var session = documents.QuerySession())
        {
            stale = await session.Query<DeliveryView>()
                .Where(v => v.State == DeliveryState.Sending && v.HandedOverAt < cutoff)
                .OrderBy(v => v.HandedOverAt)
                .Take(BatchSize)
                .ToListAsync(ct);
        }
        var marked = 0;
        foreach (var view in stale)
        {
            try
            {
                var result = await commands.Handle<ConfirmationEmail, ConfirmationEmailCommand>(ConfirmationEmailIds.StreamOfKey(view.Id),
                    new RecordUnknown(clock.GetUtcNow(), unknownAfter), ct);
                if (result.NewEvents.Count == 0) continue;
                NotificationMetrics.Count(result.NewEvents);
                marked++;
                logger.LogWarning("The confirmation email for {CustomerId} to {Recipient} has no outcome {UnknownAfter} after it was handed over: "
                    + "marked UNKNOWN, not resent", view.CustomerId, view.Recipient, unknownAfter);
            }
            catch (WrongExpectedVersionException)
            {
                // It completed meanwhile.
            }
        }
        return marked;
    }

    private static async Task<bool> WaitForNextRound(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
