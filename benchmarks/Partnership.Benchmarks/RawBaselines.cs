using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using RabbitMQ.Client;

namespace Partnership.Benchmarks;

public sealed record RawResult(int Count, TimeSpan Duration, double P50Ms, double P99Ms)
{
    public double PerSecond => Count / Duration.TotalSeconds;
}

/// <summary>What the same servers do with no system in between: small autocommit inserts and confirmed persistent publishes.</summary>
public static class RawBaselines
{
    /// <summary>
    /// <paramref name="rows"/> single-row INSERTs (uuid, text, ~200-byte jsonb) into a fresh table, from
    /// <paramref name="connections"/> connections at once; each statement is its own autocommit transaction.
    /// Statements are prepared, as a tuned client would; the clock starts once every connection is open.
    /// </summary>
    public static async Task<RawResult> PostgresInserts(string connectionString, int rows, int connections, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = connections + 2, Pooling = true };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using (var create = dataSource.CreateCommand(
                         "CREATE TABLE raw_inserts (id uuid PRIMARY KEY, name text NOT NULL, body jsonb NOT NULL)"))
            await create.ExecuteNonQueryAsync(ct);

        var latencies = new double[rows];
        var next = -1;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var notReady = connections;
        var clock = new Stopwatch();
        var workers = Enumerable.Range(0, connections).Select(async worker =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var insert = new NpgsqlCommand("INSERT INTO raw_inserts (id, name, body) VALUES ($1, $2, $3)", connection);
            var id = insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid });
            var name = insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            var body = insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb });
            await insert.PrepareAsync(ct);
            if (Interlocked.Decrement(ref notReady) == 0) allReady.SetResult();
            await go.Task;
            int row;
            while ((row = Interlocked.Increment(ref next)) < rows)
            {
                var rowId = Guid.NewGuid();
                id.Value = rowId;
                name.Value = $"row {row}";
                body.Value = Payload(rowId, row);
                var started = Stopwatch.GetTimestamp();
                await insert.ExecuteNonQueryAsync(ct);
                latencies[row] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }).ToList();
        var all = Task.WhenAll(workers);
        if (await Task.WhenAny(allReady.Task, all) == all) await all; // a connection failed before the start
        clock.Start();
        go.SetResult();
        await all;
        clock.Stop();

        await using (var count = dataSource.CreateCommand("SELECT count(*) FROM raw_inserts"))
        {
            var stored = (long)(await count.ExecuteScalarAsync(ct))!;
            if (stored != rows) throw new InvalidOperationException($"raw_inserts has {stored} rows, not {rows}.");
        }
        await using (var drop = dataSource.CreateCommand("DROP TABLE raw_inserts")) await drop.ExecuteNonQueryAsync(ct);
        Array.Sort(latencies);
        return new RawResult(rows, clock.Elapsed, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99));
    }

    /// <summary>A JSON document of about 200 bytes, like a small event body.</summary>
    public static string Payload(Guid id, int row)
    {
        var json = $$"""{"customerId":"{{id:N}}","row":{{row}},"name":"Bench Customer {{row:D5}}","email":"bench-c{{row:D5}}@yandex.ru","pad":""}""";
        return json.Insert(json.Length - 2, new string('x', Math.Max(0, 200 - json.Length)));
    }

    /// <summary>
    /// <paramref name="messages"/> persistent ~300-byte messages to a fresh durable queue on one channel with publisher
    /// confirms tracked by the client (each publish completes when the broker confirms it), keeping
    /// <paramref name="inFlight"/> unconfirmed publishes outstanding.
    /// </summary>
    public static async Task<RawResult> RabbitPublishes(Uri amqp, int messages, int inFlight, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = amqp, ClientProvidedName = "partnership-benchmark-raw" };
        await using var connection = await factory.CreateConnectionAsync(ct);
        var queue = "raw-publish-" + Guid.NewGuid().ToString("N");
        await using (var setup = await connection.CreateChannelAsync(cancellationToken: ct))
            await setup.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);

        // The client's default limiter throttles from 64 outstanding confirms on; this one lets the window be inFlight.
        using var limiter = new ThrottlingRateLimiter(inFlight * 4);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
            outstandingPublisherConfirmationsRateLimiter: limiter), ct);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        var body = Encoding.UTF8.GetBytes(Payload(Guid.NewGuid(), 0).PadRight(300, ' '));

        var latencies = new double[messages];
        var window = new Queue<(int Index, long Started, Task Confirmed)>(inFlight);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            if (window.Count == inFlight) await Settle(window.Dequeue());
            window.Enqueue((i, Stopwatch.GetTimestamp(),
                channel.BasicPublishAsync("", queue, mandatory: true, properties, body, ct).AsTask()));
        }
        while (window.Count > 0) await Settle(window.Dequeue());
        clock.Stop();

        async Task Settle((int Index, long Started, Task Confirmed) publish)
        {
            await publish.Confirmed;
            latencies[publish.Index] = Stopwatch.GetElapsedTime(publish.Started).TotalMilliseconds;
        }

        await using (var check = await connection.CreateChannelAsync(cancellationToken: ct))
        {
            var declared = await check.QueueDeclarePassiveAsync(queue, ct);
            if (declared.MessageCount != messages)
                Console.Error.WriteLine($"Note: the raw queue reports {declared.MessageCount} messages right after {messages} confirmed publishes.");
            await check.QueueDeleteAsync(queue, cancellationToken: ct);
        }
        Array.Sort(latencies);
        return new RawResult(messages, clock.Elapsed, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99));
    }
}

public static class Stats
{
    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percentile)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
