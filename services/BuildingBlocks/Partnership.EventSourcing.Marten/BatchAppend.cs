using System.Diagnostics;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// Writes a group commit's appends into Marten's tables with one statement: every stream's version is checked and moved
/// (or the stream created), then every event of the streams that passed is inserted, in one implicit transaction with the
/// daemon's NOTIFY (when another process runs the daemon). Marten's own session calls its append function once per
/// stream, each call a plpgsql loop with an
/// insert per event; this is one set-based insert for the whole batch, and a stale append is turned away by the same
/// statement, before it takes a sequence number, so no read of the versions comes first. The rows are the ones Marten
/// writes (same columns, type names, JSON, headers), so Marten reads them, and its daemon serves them, unchanged.
/// </summary>
internal sealed class BatchAppend
{
    private readonly ISerializer _serializer;
    private readonly global::Marten.Events.EventGraph _events;
    private readonly string _sql;

    public BatchAppend(IDocumentStore store, string schema)
    {
        var options = (StoreOptions)store.Options;
        _serializer = options.Serializer();
        _events = (global::Marten.Events.EventGraph)options.Events;
        // Updates and inserts take their stream rows in stream ID order (the arrays are sorted), so two batches of two
        // replicas wait for each other instead of deadlocking. nextval runs after the ORDER BY (PostgreSQL evaluates a
        // volatile select-list expression after the sort), so sequence numbers follow the events' order in the batch.
        _sql = $"""
            with checked as (
              update {schema}.mt_streams as s set version = a.version_after, timestamp = now()
              from unnest(@check_ids::varchar[], @check_expected::bigint[], @check_after::bigint[]) as a(id, expected, version_after)
              where s.id = a.id and s.version = a.expected and not s.is_archived
              returning s.id, s.version),
            created as (
              insert into {schema}.mt_streams as s (id, type, version, timestamp, created, tenant_id)
              select a.id, null, a.version_after, now(), now(), '*DEFAULT*'
              from unnest(@new_ids::varchar[], @new_after::bigint[]) as a(id, version_after)
              on conflict (id) do nothing
              returning s.id, s.version),
            unchecked as (
              insert into {schema}.mt_streams as s (id, type, version, timestamp, created, tenant_id)
              select a.id, null, a.added, now(), now(), '*DEFAULT*'
              from unnest(@any_ids::varchar[], @any_added::bigint[]) as a(id, added)
              on conflict (id) do update set version = s.version + excluded.version, timestamp = now() where not s.is_archived
              returning s.id, s.version),
            taken as (select id, version from checked union all select id, version from created union all select id, version from unchecked)
            insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived, headers)
            select nextval('{schema}.mt_events_sequence'), e.id, e.stream_id, t.version - e.from_end, e.data, e.type, '*DEFAULT*', now(),
              e.dotnet_type, false, e.headers
            from unnest(@ids::uuid[], @streams::varchar[], @from_end::bigint[], @data::jsonb[], @types::varchar[], @dotnet_types::varchar[],
              @headers::jsonb[]) with ordinality as e(id, stream_id, from_end, data, type, dotnet_type, headers, ord)
            join taken t on t.id = e.stream_id
            order by e.ord
            returning id, seq_id, version, timestamp
            """;
    }

    /// <summary>
    /// Commits the batch's appends that find their stream as expected; each of the others gets null (its stream was not
    /// at the expected version, or is archived). Throws, with nothing written, when the database refuses the statement.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>?[]> Commit(NpgsqlDataSource dataSource, IReadOnlyList<PendingAppend> batch, string? notifySql)
    {
        var rows = new Rows(batch.Sum(p => p.Events.Length));
        foreach (var pending in batch.OrderBy(p => p.StreamId, StringComparer.Ordinal))
        {
            var count = pending.Events.Length;
            if (pending.Expected == ExpectedVersion.Any) rows.Unchecked(pending.StreamId, count);
            // A stream at version 0 does not exist (every stream has an event), as Marten's own append takes it.
            else if (pending.Expected == ExpectedVersion.NoStream || pending.Expected.Value == 0) rows.Created(pending.StreamId, count);
            else rows.Checked(pending.StreamId, pending.Expected.Value, pending.Expected.Value + count);
        }
        var ids = new Guid[batch.Count][];
        var typeNames = new string[batch.Count][];
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            ids[i] = new Guid[pending.Events.Length];
            typeNames[i] = new string[pending.Events.Length];
            var headers = pending.TraceParent is { } traceParent
                ? _serializer.ToJson(new Dictionary<string, object> { [MartenEventStore.TraceParentHeader] = traceParent })
                : null;
            for (var n = 0; n < pending.Events.Length; n++)
            {
                var data = pending.Events[n];
                var mapping = _events.EventMappingFor(data.GetType());
                ids[i][n] = Guid.CreateVersion7();
                typeNames[i][n] = mapping.EventTypeName;
                rows.Event(ids[i][n], pending.StreamId, pending.Events.Length - 1 - n, _serializer.ToJson(data), mapping.EventTypeName,
                    mapping.DotNetTypeName, headers);
            }
        }

        var stored = new Dictionary<Guid, (long Position, long Version, DateTimeOffset Timestamp)>(rows.EventCount);
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var command = new NpgsqlBatch(connection))
        {
            var append = new NpgsqlBatchCommand(_sql);
            rows.AddTo(append.Parameters);
            command.BatchCommands.Add(append);
            // Delivered on commit, with the events: another process's daemon (DaemonWakeup) reads them. None when this
            // process runs the store's only daemon, which its own commits wake directly.
            if (notifySql is not null) command.BatchCommands.Add(new NpgsqlBatchCommand(notifySql));
            // Planning this statement costs more than running it; a pooled connection keeps it prepared, so this is a
            // round trip only the first time on each connection.
            await command.PrepareAsync();
            // A batch without an explicit transaction runs as one implicit transaction: all of it commits, or none.
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                stored[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3));
        }

        var result = new IReadOnlyList<RecordedEvent>?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            if (!stored.ContainsKey(ids[i][0])) continue;
            result[i] = pending.Events.Select((data, n) =>
            {
                var (position, version, timestamp) = stored[ids[i][n]];
                return new RecordedEvent(ids[i][n], pending.StreamId, version, position, typeNames[i][n], data, timestamp,
                    pending.TraceParent);
            }).ToList();
        }
        return result;
    }

    /// <summary>The statement's arrays: streams by how their version is checked, events in batch order.</summary>
    private sealed class Rows(int events)
    {
        private readonly List<string> _checkIds = [], _newIds = [], _anyIds = [];
        private readonly List<long> _checkExpected = [], _checkAfter = [], _newAfter = [], _anyAdded = [];
        private readonly List<Guid> _ids = new(events);
        private readonly List<string> _streams = new(events), _data = new(events), _types = new(events), _dotnetTypes = new(events);
        private readonly List<string?> _headers = new(events);
        private readonly List<long> _fromEnd = new(events);

        public int EventCount => _ids.Count;

        public void Checked(string id, long expected, long after) { _checkIds.Add(id); _checkExpected.Add(expected); _checkAfter.Add(after); }
        public void Created(string id, long after) { _newIds.Add(id); _newAfter.Add(after); }
        public void Unchecked(string id, long added) { _anyIds.Add(id); _anyAdded.Add(added); }

        public void Event(Guid id, string stream, long fromEnd, string data, string type, string dotnetType, string? headers)
        {
            _ids.Add(id); _streams.Add(stream); _fromEnd.Add(fromEnd); _data.Add(data); _types.Add(type); _dotnetTypes.Add(dotnetType);
            _headers.Add(headers);
        }

        public void AddTo(NpgsqlParameterCollection p)
        {
            Add(p, "check_ids", _checkIds, NpgsqlDbType.Varchar);
            Add(p, "check_expected", _checkExpected, NpgsqlDbType.Bigint);
            Add(p, "check_after", _checkAfter, NpgsqlDbType.Bigint);
            Add(p, "new_ids", _newIds, NpgsqlDbType.Varchar);
            Add(p, "new_after", _newAfter, NpgsqlDbType.Bigint);
            Add(p, "any_ids", _anyIds, NpgsqlDbType.Varchar);
            Add(p, "any_added", _anyAdded, NpgsqlDbType.Bigint);
            Add(p, "ids", _ids, NpgsqlDbType.Uuid);
            Add(p, "streams", _streams, NpgsqlDbType.Varchar);
            Add(p, "from_end", _fromEnd, NpgsqlDbType.Bigint);
            Add(p, "data", _data, NpgsqlDbType.Jsonb);
            Add(p, "types", _types, NpgsqlDbType.Varchar);
            Add(p, "dotnet_types", _dotnetTypes, NpgsqlDbType.Varchar);
            Add(p, "headers", _headers, NpgsqlDbType.Jsonb);
        }

        private static void Add<T>(NpgsqlParameterCollection p, string name, List<T> values, NpgsqlDbType type)
        {
            Debug.Assert(!p.Contains(name));
            p.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });
        }
    }
}
