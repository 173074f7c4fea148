using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Partnership.Messaging;

/// <summary>
/// Moves messages from a queue's _error queue back to the queue (through the queue's own exchange), under the service's
/// own broker login: operators re-drive once the cause is fixed. The fault headers are dropped and the redelivery
/// count starts again; where the message first came from stays, so the publisher check still holds.
/// </summary>
public sealed class ErrorQueueRedriver(IConfiguration configuration, ReceiveQueues queues, ILogger<ErrorQueueRedriver> logger)
    : IAsyncDisposable
{
    public const int MaxPerCall = 10_000;

    // The depth polls (every ErrorQueuePollInterval) share one connection: opening one each time cost the service and
    // the broker more CPU than the polls themselves while the system idled.
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IConnection? _polling;

    public IReadOnlyList<string> Queues => queues.Names;

    /// <summary>Messages waiting in each receive queue's _error queue (0 when it was never created).</summary>
    public async Task<IReadOnlyDictionary<string, long>> ErrorQueueDepths(CancellationToken ct) =>
        (await ErrorQueueDepths(queues.Names, ct)).ToDictionary(d => d.Key, d => d.Value ?? 0);

    /// <summary>Messages waiting in the _error queue of each of <paramref name="names"/>; null for one never created.</summary>
    public Task<IReadOnlyDictionary<string, long?>> ErrorQueueDepths(IEnumerable<string> names, CancellationToken ct) =>
        Depths(names, "_error", ct);

    /// <summary>Messages ready in each receive queue (waiting to be consumed; not those being consumed now).</summary>
    public async Task<IReadOnlyDictionary<string, long>> QueueDepths(CancellationToken ct) =>
        (await Depths(queues.Names, "", ct)).ToDictionary(d => d.Key, d => d.Value ?? 0);

    private async Task<IReadOnlyDictionary<string, long?>> Depths(IEnumerable<string> names, string suffix, CancellationToken ct)
    {
        var connection = await PollingConnection(ct);
        var depths = new Dictionary<string, long?>();
        IChannel? channel = null;
        try
        {
            foreach (var queue in names)
            {
                // A passive declare of a missing queue closes its channel: the next queue gets a new one.
                if (channel is not { IsOpen: true })
                {
                    if (channel is not null) await channel.DisposeAsync();
                    channel = await connection.CreateChannelAsync(cancellationToken: ct);
                }
                try
                {
                    depths[queue] = (await channel.QueueDeclarePassiveAsync(queue + suffix, ct)).MessageCount;
                }
                catch (OperationInterruptedException)
                {
                    depths[queue] = null; // never declared: nothing was ever parked
                }
            }
        }
        finally
        {
            if (channel is not null) await channel.DisposeAsync();
        }
        return depths;
    }

    private async Task<IConnection> PollingConnection(CancellationToken ct)
    {
        if (_polling is { IsOpen: true } open) return open;
        await _connecting.WaitAsync(ct);
        try
        {
            if (_polling is { IsOpen: true } opened) return opened;
            if (_polling is not null) await _polling.DisposeAsync();
            _polling = null;
            return _polling = await Connect(ct);
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_polling is not null) await _polling.DisposeAsync();
    }

    /// <summary>Moves every message (at most <see cref="MaxPerCall"/>) from queue_error back to queue; returns how many.</summary>
    public async Task<int> Redrive(string queue, CancellationToken ct)
    {
        if (!queues.Names.Contains(queue)) throw new ArgumentException($"'{queue}' is not a receive queue of this service.", nameof(queue));
        await using var connection = await Connect(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), ct);
        var moved = 0;
        while (moved < MaxPerCall)
        {
            BasicGetResult? message;
            try
            {
                message = await channel.BasicGetAsync(queue + "_error", autoAck: false, ct);
            }
            catch (OperationInterruptedException)
            {
                break; // no _error queue: nothing to move
            }
            if (message is null) break;
            var properties = new BasicProperties(message.BasicProperties)
            {
                UserId = BrokerIdentity.UserFromUri(Amqp),
                Headers = Cleaned(message.BasicProperties.Headers),
            };
            // Confirmed before the ack: a crash in between leaves a copy in both, and consumers drop the duplicate.
            await channel.BasicPublishAsync(queue, "", true, properties, message.Body, ct);
            await channel.BasicAckAsync(message.DeliveryTag, false, ct);
            moved++;
        }
        logger.LogWarning("Re-drove {Count} message(s) from {Queue}_error back to {Queue}", moved, queue, queue);
        return moved;
    }

    private static Dictionary<string, object?> Cleaned(IDictionary<string, object?>? headers) =>
        (headers ?? new Dictionary<string, object?>())
        .Where(h => !h.Key.StartsWith("MT-Fault", StringComparison.OrdinalIgnoreCase) && !h.Key.StartsWith("MT-Reason", StringComparison.OrdinalIgnoreCase)
            && h.Key is not ("x-death" or BrokerHeaders.Redeliveries or BrokerHeaders.FirstFailedAt or BrokerHeaders.LastError))
        .ToDictionary(h => h.Key, h => h.Value);

    private Uri Amqp => new(configuration.GetConnectionString("rabbitmq")
        ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is not configured."));

    private Task<IConnection> Connect(CancellationToken ct) =>
        new ConnectionFactory { Uri = Amqp, ClientProvidedName = "partnership-error-queues" }.CreateConnectionAsync(ct);
}
