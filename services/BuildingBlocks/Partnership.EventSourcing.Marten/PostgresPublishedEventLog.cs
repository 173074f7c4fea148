using Npgsql;
using NpgsqlTypes;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// The published-event log as a table beside mt_events in the service's schema, on the event store's own
/// connection pool. The table is created on first use: Marten has created the schema by then, because an
/// event exists before anything records or asks about it.
/// </summary>
public sealed class PostgresPublishedEventLog(NpgsqlDataSource dataSource, string schema) : IPublishedEventLog
{
    private readonly NpgsqlDataSource _dataSource = dataSource;
    private readonly string _table = $"{schema}.partnership_published_events";
    private readonly SemaphoreSlim _createOnce = new(1, 1);
    private volatile bool _created;

    public async Task Record(IReadOnlyList<(Guid EventId, long Position)> published, PublishedRecordsToForget? forget, CancellationToken ct)
    {
        if (published.Count == 0 && forget is null) return;
        await EnsureTable(ct);
        // One round trip, one implicit transaction: the deletion rides on the insert's commit.
        await using var batch = _dataSource.CreateBatch();
        if (forget is not null)
        {
            var delete = new NpgsqlBatchCommand($"DELETE FROM {_table} WHERE position <= $1 OR recorded_at < now() - $2");
            delete.Parameters.Add(new NpgsqlParameter { Value = forget.Through, NpgsqlDbType = NpgsqlDbType.Bigint });
            delete.Parameters.Add(new NpgsqlParameter { Value = forget.Retention, NpgsqlDbType = NpgsqlDbType.Interval });
            batch.BatchCommands.Add(delete);
        }
        if (published.Count > 0)
        {
            var insert = new NpgsqlBatchCommand(
                $"INSERT INTO {_table} (event_id, position) SELECT * FROM unnest($1, $2) ON CONFLICT (event_id) DO NOTHING");
            insert.Parameters.Add(new NpgsqlParameter { Value = published.Select(p => p.EventId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            insert.Parameters.Add(new NpgsqlParameter { Value = published.Select(p => p.Position).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            batch.BatchCommands.Add(insert);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlySet<Guid>> Published(IReadOnlyCollection<Guid> eventIds, CancellationToken ct)
    {
        var found = new HashSet<Guid>();
        if (eventIds.Count == 0) return found;
        await EnsureTable(ct);
        await using var command = _dataSource.CreateCommand($"SELECT event_id FROM {_table} WHERE event_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = eventIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(reader.GetGuid(0));
        return found;
    }

    private async Task EnsureTable(CancellationToken ct)
    {
        if (_created) return;
        await _createOnce.WaitAsync(ct);
        try
        {
            if (_created) return;
            await using var command = _dataSource.CreateCommand(
                $"CREATE TABLE IF NOT EXISTS {_table} (event_id uuid PRIMARY KEY, position bigint NOT NULL, " +
                "recorded_at timestamptz NOT NULL DEFAULT now())");
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
        finally
        {
            _createOnce.Release();
        }
    }
}
