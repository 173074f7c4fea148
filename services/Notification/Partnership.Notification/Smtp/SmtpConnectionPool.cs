using System.Collections.Concurrent;
using MailKit.Security;

namespace Partnership.Notification.Smtp;

/// <summary>
/// A few connected SMTP clients kept open between messages: connecting (TCP, greeting, EHLO) costs more than a
/// message. At most <see cref="SmtpOptions.Connections"/> clients exist at once; a client that failed is thrown away
/// and the next renter connects afresh.
/// </summary>
internal sealed class SmtpConnectionPool(SmtpOptions options) : IAsyncDisposable
{
    private static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Connections));
    private readonly ConcurrentBag<TrackingSmtpClient> _idle = [];
    private volatile bool _disposed;

    /// <summary>A connected client (idle or new); <paramref name="reused"/> says it was connected before.</summary>
    public async Task<(TrackingSmtpClient Client, bool Reused)> Rent(Func<CancellationToken, ValueTask<TrackingSmtpClient>> connect,
        CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(ct);
        try
        {
            while (_idle.TryTake(out var idle))
            {
                if (!idle.IsConnected) idle.Dispose();
                else if (System.Diagnostics.Stopwatch.GetElapsedTime(idle.CreatedAt) >= options.ConnectionLifetime) await Close(idle);
                else return (idle, true);
            }
            return (await connect(ct), false);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Gives a client back after a clean transaction; it stays open for the next message.</summary>
    public void Return(TrackingSmtpClient client)
    {
        if (_disposed || !client.IsConnected) client.Dispose();
        else _idle.Add(client);
        _slots.Release();
    }

    /// <summary>
    /// Drops a client whose transaction failed and frees its slot. No QUIT: the server may be stuck in the very
    /// exchange that failed, and waiting on it would only delay recording the outcome.
    /// </summary>
    public void Discard(TrackingSmtpClient client)
    {
        client.Dispose();
        _slots.Release();
    }

    public static async Task Close(TrackingSmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(DisconnectTimeout);
                await client.DisconnectAsync(true, timeout.Token);
            }
        }
        catch
        {
            // QUIT is a courtesy: whatever it meets, the socket is closed below.
        }
        finally
        {
            client.Dispose();
        }
    }

    public static async ValueTask<TrackingSmtpClient> Connect(SmtpOptions options, CancellationToken ct)
    {
        var client = new TrackingSmtpClient { Timeout = (int)Math.Min(int.MaxValue, options.Timeout.TotalMilliseconds) };
        try
        {
            // The dev server speaks plain SMTP; connecting includes the greeting and EHLO.
            await client.ConnectAsync(options.Host, options.Port, SecureSocketOptions.None, ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryTake(out var client)) await Close(client);
    }
}
