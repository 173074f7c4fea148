using Npgsql;

namespace Partnership.Benchmarks;

/// <summary>The events in the four services' event stores (mt_events in each service's schema), per stored type.</summary>
public sealed class EventCounts
{
    public static readonly (string Service, string Schema)[] Stores =
        [("identity", "identity"), ("billing", "billing"), ("customer", "customer"), ("notification", "notification")];

    public IReadOnlyDictionary<(string Schema, string Type), long> ByType { get; }
    public IReadOnlyDictionary<string, long> MaxSequence { get; }

    private EventCounts(IReadOnlyDictionary<(string, string), long> byType, IReadOnlyDictionary<string, long> maxSequence)
    {
        ByType = byType;
        MaxSequence = maxSequence;
    }

    public long Total => ByType.Values.Sum();
    public long InSchema(string schema) => ByType.Where(e => e.Key.Schema == schema).Sum(e => e.Value);

    public static async Task<EventCounts> Read(string connectionString, CancellationToken ct)
    {
        var counts = new Dictionary<(string, string), long>();
        var maxSequence = new Dictionary<string, long>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        foreach (var (_, schema) in Stores)
        {
            await using (var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection))
            {
                exists.Parameters.AddWithValue(schema + ".mt_events");
                if (!(bool)(await exists.ExecuteScalarAsync(ct))!) continue;
            }
            await using var command = new NpgsqlCommand($"SELECT type, count(*) FROM \"{schema}\".mt_events GROUP BY type", connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) counts[(schema, reader.GetString(0))] = reader.GetInt64(1);
            await reader.CloseAsync();
            await using var max = new NpgsqlCommand($"SELECT coalesce(max(seq_id), 0) FROM \"{schema}\".mt_events", connection);
            maxSequence[schema] = (long)(await max.ExecuteScalarAsync(ct))!;
        }
        return new EventCounts(counts, maxSequence);
    }

    public EventCounts Minus(EventCounts earlier) =>
        new(ByType.ToDictionary(e => e.Key, e => e.Value - earlier.ByType.GetValueOrDefault(e.Key)), MaxSequence);

    /// <summary>
    /// Holes in each store's event sequence after <paramref name="since"/>: numbers a transaction took and never
    /// committed (a failed append, e.g. an optimistic concurrency conflict). Marten's daemon cannot tell such a hole
    /// from a slow transaction at once; it waits before skipping it, and every subscription of that store waits too.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, (long Holes, long Numbers)>> Holes(string connectionString, EventCounts since,
        CancellationToken ct)
    {
        var result = new Dictionary<string, (long, long)>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        foreach (var (_, schema) in Stores)
        {
            if (!since.MaxSequence.TryGetValue(schema, out var from)) continue;
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE next > seq_id + 1), coalesce(sum(next - seq_id - 1) FILTER (WHERE next > seq_id + 1), 0)::bigint " +
                $"FROM (SELECT seq_id, lead(seq_id) OVER (ORDER BY seq_id) AS next FROM \"{schema}\".mt_events WHERE seq_id >= $1) t", connection);
            command.Parameters.AddWithValue(from);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            result[schema] = (reader.GetInt64(0), reader.GetInt64(1));
        }
        return result;
    }
}
