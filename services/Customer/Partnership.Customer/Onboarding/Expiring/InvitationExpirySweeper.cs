using Marten;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing.Marten;
using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Onboarding.Reading;
using Partnership.EventSourcing;

namespace Partnership.CustomerService.Onboarding.Expiring;

/// <summary>
/// Expires invitations left unanswered for <see cref="InvitationExpiryOptions.InvitationExpiry"/>. Nothing is kept in
/// memory: each round finds the due records in the CustomerView read model, so a restart (or a replica that never saw the
/// invitation made) loses no timer. Every replica sweeps; the decision is taken again on each record's stream and appended
/// with its expected version, so a record expired by two replicas at once is expired once and the loser changes nothing.
/// </summary>
public sealed class InvitationExpirySweeper(IServiceScopeFactory scopes, EventStoreSchema schema, IOptions<InvitationExpiryOptions> options,
    TimeProvider clock, ILogger<InvitationExpirySweeper> logger) : BackgroundService
{
    // Bounds one round; the rest waits for the next round, oldest first.
    private const int MaxPerRound = 200;

    private readonly TaskCompletionSource _firstRound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first round has ended, whatever it found (for start-up checks).</summary>
    public Task FirstRound => _firstRound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Its query would otherwise create the read model's table on first use, racing the schema's own apply.
        await schema.Ready.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.InvitationExpiryCheckEvery, clock);
        do
        {
            try
            {
                await Sweep(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // PostgreSQL away or the view being rebuilt: the next round finds the same records.
                logger.LogWarning(e, "Invitation expiry sweep failed; retrying in {Period}.", options.Value.InvitationExpiryCheckEvery);
            }
            _firstRound.TrySetResult();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task Sweep(CancellationToken ct)
    {
        var expiresAfter = options.Value.InvitationExpiry;
        var now = clock.GetUtcNow();
        var cutoff = now - expiresAfter;
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IQuerySession>();
        var commands = scope.ServiceProvider.GetRequiredService<CommandHandler>();
        var due = await session.Query<CustomerView>()
            .Where(v => v.Status == CustomerStatus.VerificationRequired && v.SubaccountId != null && v.InvitedAt <= cutoff)
            .OrderBy(v => v.InvitedAt).Take(MaxPerRound).Select(v => v.Id).ToListAsync(ct);
        foreach (var customerId in due)
        {
            var result = await commands.Handle<CustomerRecord, CustomerCommand>(CustomerIds.Stream(customerId),
                new ExpireInvitation(expiresAfter, now), ct);
            if (result.NewEvents.Count > 0)
                logger.LogInformation("Invitation {Invitation} of customer {CustomerId} expired.", result.State.Invitation, customerId);
        }
    }
}
