using Marten;

namespace Partnership.EventSourcing.Marten;

public sealed class MartenSubscriptionControl(IDocumentStore store) : ISubscriptionControl
{
    public async Task<long> Checkpoint(string subscriptionName, CancellationToken ct)
    {
        var progress = await store.Advanced.AllProjectionProgress(token: ct);
        return progress.FirstOrDefault(p => p.ShardName.StartsWith(subscriptionName + ":", StringComparison.Ordinal))?.Sequence ?? 0;
    }

    public async Task<long> Head(CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT coalesce(max(seq_id), 0) FROM {store.Options.Events.DatabaseSchemaName}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    // The daemon's high-water mark: it advances past a hole only once no transaction that could fill it is alive
    // (StaleSequenceThreshold), which is the guarantee readers of the whole log need. The leader's daemon keeps it in the
    // database, so every replica reads the same value.
    public async Task<long> SettledPosition(CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT coalesce(max(last_seq_id), 0) FROM {store.Options.Events.DatabaseSchemaName}.mt_event_progression WHERE name = 'HighWaterMark'",
            connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
