using System.Diagnostics;
using Marten;
using Npgsql;

namespace Partnership.EventSourcing.Marten.ReadModels;

/// <summary>
/// A list read from a read model first waits, briefly, until the model has taken every event committed before the list
/// was asked for: a client that saw a change (an onboarding complete, a cloud linked) finds it in the list it asks for
/// next, however far the daemon's wake-up gap lets the model trail under load.
/// <list type="bullet">
/// <item>The bound is the newest event committed when the list is asked for (what any caller could have seen), against
/// the model's checkpoint in the store: the same answer on every replica.</item>
/// <item>Behind it, the store's daemon is woken now, past its gap (<see cref="DaemonWakeup.Now"/>): directly when it runs
/// in this process, through the store's channel when another replica leads it.</item>
/// <item>The wait is bounded (<see cref="Patience"/>): a model being rebuilt, or a daemon that is not running, answers
/// what it has after that, as before.</item>
/// </list>
/// </summary>
public sealed class ReadModelFreshness(IDocumentStore store, NpgsqlDataSource dataSource, DaemonWakeup wakeup, IEnumerable<ReadModel> models)
{
    /// <summary>How long a list waits for its read model at most.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan FirstLook = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestLook = TimeSpan.FromMilliseconds(50);
    private readonly IReadOnlyList<ReadModel> _models = models.ToList();
    private readonly string _schema = store.Options.Events.DatabaseSchemaName;

    /// <summary>Returns once the read model of <typeparamref name="TProjection"/> has taken what was committed before the call, or after <see cref="Patience"/>.</summary>
    public Task CaughtUp<TProjection>(CancellationToken ct) => CaughtUp([typeof(TProjection)], ct);

    /// <summary>Returns once the read models of both projections have taken what was committed before the call, or after <see cref="Patience"/>.</summary>
    public Task CaughtUp<TProjection, TOther>(CancellationToken ct) => CaughtUp([typeof(TProjection), typeof(TOther)], ct);

    private async Task CaughtUp(Type[] projections, CancellationToken ct)
    {
        var shards = projections.Select(type => _models.Single(m => m.Projection == type).Shard.Identity).ToArray();
        long newest, taken;
        try
        {
            (newest, taken) = await Positions(shards, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A new store whose daemon has not created its progress table yet: nothing to wait for.
            return;
        }
        if (taken >= newest) return;
        await wakeup.Now(ct);
        // The machine's clock, not the service's TimeProvider: this paces reads, and a test's fake clock must not stall them.
        var until = Stopwatch.GetTimestamp() + (long)(Patience.TotalSeconds * Stopwatch.Frequency);
        var look = FirstLook;
        while (Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(look, ct);
            look = TimeSpan.FromTicks(Math.Min(look.Ticks * 2, LongestLook.Ticks));
            if ((await Positions(shards, ct)).Taken >= newest) return;
        }
    }

    // The newest committed event, and how far the slowest of the shards has taken the log (0 for one not started yet).
    private async Task<(long Newest, long Taken)> Positions(string[] shards, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT (SELECT coalesce(max(seq_id), 0) FROM {_schema}.mt_events), " +
            $"(SELECT coalesce(min(coalesce(p.last_seq_id, 0)), 0) FROM unnest($1::text[]) AS s(name) " +
            $"LEFT JOIN {_schema}.mt_event_progression p ON p.name = s.name)");
        command.Parameters.Add(new NpgsqlParameter { Value = shards });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
