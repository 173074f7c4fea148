using Marten;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing.Marten;
using Partnership.EventSourcing;
using Partnership.Notification.Delivering.Reading;
using Partnership.Notification.Delivering.Sending;
using Partnership.Notification.Domain;

namespace Partnership.Notification.Delivering.Sweeping;

/// <summary>
/// Marks UNKNOWN the deliveries whose sender died between handing the mail to the SMTP server and its answer:
/// a hand-over older than UnknownAfter (longer than any live sender waits) has no sender left. Such an email
/// is never resent. An intent never handed over is not this sweeper's: the resumer sends it. Candidates come
/// from the read model; each decision is taken on the stream itself, so
/// a delivery that completed meanwhile (a stale view, or a conflict on append) is left as it is.
/// Every instance may sweep: the expected version keeps two sweepers from both writing.
/// Before calling one UNKNOWN it looks in the <see cref="AcceptedMailJournal"/>: a sender killed between the server's
/// 250 and its commit left the acceptance there, and that email is recorded SENT.
/// </summary>
public sealed class UnknownDeliverySweeper(IDocumentStore documents, EventStoreSchema schema, CommandHandler commands, AcceptedMailJournal journal,
    IOptions<NotificationOptions> options, TimeProvider clock, ILogger<UnknownDeliverySweeper> logger) : BackgroundService
{
    public const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Its query would otherwise create the read model's table on first use, racing the schema's own apply.
        await schema.Ready.WaitAsync(stoppingToken);
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
        var marked = await SweepStale(ct);
        // Journal files stay while any of their emails may still be swept; twice UnknownAfter is past every sender's wait.
        await journal.Prune(options.Value.UnknownAfter * 2, AnyUndecided);
        return marked;
    }

    private async Task<int> SweepStale(CancellationToken ct)
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
        var accepted = stale.Count == 0 ? null : journal.Read();
        foreach (var view in stale)
        {
            try
            {
                var streamId = ConfirmationEmailIds.StreamOfKey(view.Id);
                if (accepted!.TryGetValue(view.Id, out var acceptance))
                {
                    var sent = await commands.Handle<ConfirmationEmail, ConfirmationEmailCommand>(streamId,
                        new RecordAcceptedBeforeStop(acceptance.Attempt, acceptance.At), ct);
                    if (sent.NewEvents.Count > 0)
                    {
                        NotificationMetrics.Count(sent.NewEvents);
                        logger.LogInformation("The confirmation email for {CustomerId} to {Recipient} was accepted by the SMTP server at {AcceptedAt}, "
                            + "but its sender stopped before recording it: recorded SENT from the accepted-mail journal", view.CustomerId, view.Recipient,
                            acceptance.At);
                        continue;
                    }
                }
                var result = await commands.Handle<ConfirmationEmail, ConfirmationEmailCommand>(streamId,
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

    private async Task<bool> AnyUndecided(IReadOnlyCollection<string> keys)
    {
        var ids = keys.ToArray();
        await using var session = documents.QuerySession();
        return await session.Query<DeliveryView>().AnyAsync(v => ids.Contains(v.Id) && v.State == DeliveryState.Sending);
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
