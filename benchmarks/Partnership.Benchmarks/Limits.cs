using System.Diagnostics;
using MassTransit;
using Npgsql;
using NpgsqlTypes;
using Partnership.Testing;

namespace Partnership.Benchmarks.Limits
{
    /// <summary>The message of the MassTransit limit (MassTransit needs a namespace).</summary>
    public sealed record LimitMessage(Guid Id, string Body);
}

namespace Partnership.Benchmarks
{
    using Partnership.Benchmarks.Limits;

    /// <summary>What the same servers do with nothing of ours in between, measured in the same run.</summary>
    public static class FairLimits
    {
        public const int Writers = 8;

        /// <summary>
        /// Rows/s into an mt_events-shaped table (sequence, stream, version, jsonb data, unique stream+version), each
        /// commit one INSERT of <paramref name="batch"/> rows, from <see cref="Writers"/> connections for <paramref name="seconds"/>.
        /// </summary>
        public static async Task<double> BatchedInserts(string postgres, int batch, int seconds)
        {
            var table = $"limit_events_{batch}";
            await using var source = NpgsqlDataSource.Create(postgres);
            await using (var create = source.CreateCommand($"""
                CREATE TABLE {table} (seq_id bigserial PRIMARY KEY, id uuid NOT NULL, stream_id text NOT NULL, version integer NOT NULL,
                  data jsonb NOT NULL, type text NOT NULL, timestamp timestamptz NOT NULL DEFAULT now(), tenant_id text DEFAULT '*DEFAULT*',
                  mt_dotnet_type text, UNIQUE (stream_id, version))
                """)) await create.ExecuteNonQueryAsync();
            var rows = 0L;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
            {
                await using var connection = await source.OpenConnectionAsync();
                await using var insert = new NpgsqlCommand($"INSERT INTO {table} (id, stream_id, version, data, type, mt_dotnet_type) " +
                    "SELECT id, 'stream-' || id, 1, d, 'customer.created.v1', 'Bench' FROM unnest($1, $2) AS t(id, d)", connection);
                var ids = insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
                var data = insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
                while (clock.Elapsed.TotalSeconds < seconds)
                {
                    var batchIds = Enumerable.Range(0, batch).Select(_ => Guid.NewGuid()).ToArray();
                    ids.Value = batchIds;
                    data.Value = batchIds.Select(id => $$"""{"CustomerId":"{{id}}","Name":"A customer of about this size","Email":"someone@example.com"}""").ToArray();
                    await insert.ExecuteNonQueryAsync();
                    Interlocked.Add(ref rows, batch);
                }
            }));
            return rows / clock.Elapsed.TotalSeconds;
        }

        /// <summary>
        /// Messages/s published with MassTransit (publisher confirms, persistent), routed through an exchange to a queue,
        /// consumed and acknowledged, on a fresh virtual host: the first publish to the last consume.
        /// </summary>
        public static async Task<double> MassTransitRoundTrip(TestServers servers, int messages)
        {
            var amqp = await servers.CreateVirtualHost("bench-limit");
            var consumed = 0;
            var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var user = Uri.UnescapeDataString(amqp.UserInfo).Split(':');
            var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
            {
                cfg.Host(amqp.Host, (ushort)amqp.Port, amqp.AbsolutePath.TrimStart('/'), h =>
                {
                    h.Username(user[0]);
                    h.Password(user[1]);
                });
                cfg.ReceiveEndpoint("limit-consumer", e =>
                {
                    e.PrefetchCount = 64;
                    e.Handler<LimitMessage>(_ =>
                    {
                        if (Interlocked.Increment(ref consumed) == messages) all.TrySetResult();
                        return Task.CompletedTask;
                    });
                });
            });
            await bus.StartAsync();
            try
            {
                var clock = Stopwatch.StartNew();
                // Many publishes in flight, as the services' dispatchers do: awaiting each confirm alone caps the rate.
                using var inFlight = new SemaphoreSlim(500);
                await Task.WhenAll(Enumerable.Range(0, messages).Select(async i =>
                {
                    await inFlight.WaitAsync();
                    try
                    {
                        await bus.Publish(new LimitMessage(Guid.NewGuid(), "about the size of an integration event"));
                    }
                    finally
                    {
                        inFlight.Release();
                    }
                }));
                await all.Task.WaitAsync(TimeSpan.FromMinutes(2));
                return messages / clock.Elapsed.TotalSeconds;
            }
            finally
            {
                await bus.StopAsync();
                await servers.DeleteVirtualHost(amqp);
            }
        }
    }
}
