using Marten;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing.Marten;
using Partnership.Notification.Delivering.Reading;
using Partnership.Notification.Delivering.Sending;
using Partnership.Notification.Domain;

namespace Partnership.Notification.Delivering.Resuming;

/// <summary>
/// Sends what is owed and not in flight, from the stored state alone, so it survives any restart: intents never handed
/// over (their sender stopped, or the intent's commit came back after the sender gave up) once older than ResumeAfter,
/// and retries whose time has come. Runs at start and then on every instance at the <see cref="ResumeCadence"/>: every
/// ResumePeriod while anything may be owed, every ResumeIdlePeriod while the system is quiet. The hand-over append
/// at the version read keeps two instances from both sending one email.
/// </summary>
public sealed class PendingDeliveryResumer(IDocumentStore documents, EventStoreSchema schema, IServiceScopeFactory scopes,
    IOptions<NotificationOptions> options, ResumeCadence cadence, TimeProvider clock, ILogger<PendingDeliveryResumer> logger) : BackgroundService
{
    public const int BatchSize = 100;

    // The RETRYING and SENDING gauges are counts over every delivery: taken every few seconds, not every round.
    private static readonly TimeSpan GaugePeriod = TimeSpan.FromSeconds(10);
    private DateTimeOffset _gaugedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Its query would otherwise create the read model's table on first use, racing the schema's own apply.
        await schema.Ready.WaitAsync(stoppingToken);
        do
        {
            try
            {
                await Resume(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store may be away for a moment; the next round tries again.
                logger.LogWarning(e, "Resuming pending confirmation emails failed; retrying next round");
            }
        } while (await cadence.WaitForNextRound(stoppingToken));
    }

    /// <summary>One round: returns how many emails it took an attempt for (sent, retrying, failed or unknown).</summary>
    public async Task<int> Resume(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var abandonedBefore = now - options.Value.ResumeAfter;
        IReadOnlyList<string> due;
        await using (var session = documents.QuerySession())
        {
            due = await session.Query<DeliveryView>()
                .Where(v => (v.State == DeliveryState.Intended && v.IntendedAt < abandonedBefore)
                    || (v.State == DeliveryState.Retrying && v.NextAttemptAt <= now))
                .OrderBy(v => v.IntendedAt)
                .Select(v => v.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            // Pending, due or not, keeps the rounds frequent: a retry's time comes, an intent grows old enough.
            if (due.Count > 0 || await session.Query<DeliveryView>()
                    .AnyAsync(v => v.State == DeliveryState.Intended || v.State == DeliveryState.Retrying, ct))
                cadence.Active();
            if (now - _gaugedAt >= GaugePeriod)
            {
                NotificationMetrics.Observe(
                    await session.Query<DeliveryView>().CountAsync(v => v.State == DeliveryState.Retrying, ct),
                    await session.Query<DeliveryView>().CountAsync(v => v.State == DeliveryState.Sending, ct));
                _gaugedAt = now;
            }
        }
        var taken = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Value.SmtpConnections, CancellationToken = ct },
            async (emailKey, token) =>
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var attempt = await scope.ServiceProvider.GetRequiredService<SendConfirmationEmailHandler>().Resume(emailKey, token);
                    if (attempt != SendAttempt.AlreadyDecided) Interlocked.Increment(ref taken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Resuming the confirmation email {EmailKey} failed; the next round tries again", emailKey);
                }
            });
        return taken;
    }
}
