using Npgsql;

namespace Partnership.EventSourcing.Marten;

/// <summary>Parked streams as a small table beside mt_events in the service's schema, created on first use.</summary>
public sealed class PostgresParkedStreamLog(NpgsqlDataSource dataSource, string schema) : IParkedStreamLog
{
    private readonly string _table = $"{schema}.partnership_parked_streams";
    private volatile bool _created;

    public string Store => schema;

    public async Task Park(ParkedStream parked, CancellationToken ct)
    {
        await EnsureTable(ct);
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO {_table} (stream_id, position, event_type, reason) VALUES ($1, $2, $3, $4) " +
            $"ON CONFLICT (stream_id) DO UPDATE SET position = LEAST({_table}.position, excluded.position), " +
            $"event_type = CASE WHEN excluded.position < {_table}.position THEN excluded.event_type ELSE {_table}.event_type END, " +
            $"reason = CASE WHEN excluded.position < {_table}.position THEN excluded.reason ELSE {_table}.reason END");
        command.Parameters.Add(new NpgsqlParameter { Value = parked.StreamId });
        command.Parameters.Add(new NpgsqlParameter { Value = parked.Position });
        command.Parameters.Add(new NpgsqlParameter { Value = parked.EventType });
        command.Parameters.Add(new NpgsqlParameter { Value = parked.Reason });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<ParkedStream>> All(CancellationToken ct)
    {
        await EnsureTable(ct);
        await using var command = dataSource.CreateCommand($"SELECT stream_id, position, event_type, reason FROM {_table} ORDER BY position");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var parked = new List<ParkedStream>();
        while (await reader.ReadAsync(ct))
            parked.Add(new ParkedStream(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3)));
        return parked;
    }

    public async Task Release(string streamId, CancellationToken ct)
    {
        await EnsureTable(ct);
        await using var command = dataSource.CreateCommand($"DELETE FROM {_table} WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task EnsureTable(CancellationToken ct)
    {
        if (_created) return;
        await using var command = dataSource.CreateCommand(
            $"CREATE TABLE IF NOT EXISTS {_table} (stream_id text PRIMARY KEY, position bigint NOT NULL, event_type text NOT NULL, " +
            "reason text NOT NULL, parked_at timestamptz NOT NULL DEFAULT now())");
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        // Two replicas creating it at once: one wins, and the table is there for both.
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
        }
        _created = true;
    }
}
