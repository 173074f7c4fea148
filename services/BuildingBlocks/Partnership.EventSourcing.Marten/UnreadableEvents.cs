using Marten;
using Npgsql;

namespace Partnership.EventSourcing.Marten;

/// <summary>Finds the committed events in a range that the daemon could not read.</summary>
internal static class UnreadableEvents
{

    public static async Task<IReadOnlyList<RecordedEvent>> Between(IDocumentStore store, EventTypeRegistry known, long floor, long ceiling,
        IReadOnlySet<long> read, CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        // A hole can also be a failed append (a version conflict): it has no row, or Marten filled it with a tombstone
        // (stream mt_tombstone), which is no event of anyone's and is left out as the daemon leaves it out.
        await using var command = new NpgsqlCommand(
            $"SELECT seq_id, id, stream_id, version, type, timestamp FROM {schema}.mt_events " +
            $"WHERE seq_id > $1 AND seq_id <= $2 AND is_archived = false AND NOT (stream_id = '{MartenEventStore.TombstoneStream}' AND type = 'tombstone') " +
            "ORDER BY seq_id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = floor });
        command.Parameters.Add(new NpgsqlParameter { Value = ceiling });
        var knownNames = known.Names.Values.ToHashSet();
        var found = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var position = reader.GetInt64(0);
            if (read.Contains(position)) continue;
            var type = reader.GetString(4);
            var why = knownNames.Contains(type) ? "its data could not be read by this build" : "this build does not know its event type";
            found.Add(new RecordedEvent(reader.GetGuid(1), reader.GetString(2), reader.GetInt64(3), position, type,
                new UnreadableEvent(type, why), reader.GetFieldValue<DateTimeOffset>(5), null));
        }
        return found;
    }
}
