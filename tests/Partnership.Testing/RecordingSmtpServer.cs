using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Partnership.Testing;

public sealed record ReceivedMail(string To, string Subject, string Text, string Html);

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port that keeps what it accepts. It can be
/// told to stall a recipient's mail before answering, as a server that never acknowledges.
/// </summary>
public sealed class RecordingSmtpServer : MessageStore, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, bool> _stalled = new(StringComparer.OrdinalIgnoreCase);
    private Task _running = Task.CompletedTask;

    public int Port { get; private set; }
    public ConcurrentQueue<ReceivedMail> Received { get; } = new();
    public ConcurrentQueue<string> Stalls { get; } = new();

    /// <summary>Called for each accepted mail, before the server answers: lets a load driver signal completion without polling.</summary>
    public event Action<ReceivedMail>? Accepted;

    public void Start()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(this);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public void Stall(string recipient) => _stalled[recipient] = true;

    public IReadOnlyList<ReceivedMail> To(string recipient) =>
        Received.Where(m => string.Equals(m.To, recipient, StringComparison.OrdinalIgnoreCase)).ToList();

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
        ReadOnlySequence<byte> buffer, CancellationToken ct)
    {
        var to = string.Join(",", transaction.To.Select(m => $"{m.User}@{m.Host}"));
        if (_stalled.ContainsKey(to))
        {
            Stalls.Enqueue(to);
            // The client is left waiting for the answer to DATA until it goes away.
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { });
            return SmtpResponse.TransactionFailed;
        }
        using var stream = new MemoryStream(buffer.ToArray());
        var message = await MimeMessage.LoadAsync(stream, ct);
        var mail = new ReceivedMail(to, message.Subject ?? "", message.TextBody ?? "", message.HtmlBody ?? "");
        Received.Enqueue(mail);
        Accepted?.Invoke(mail);
        return SmtpResponse.Ok;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ContinueWith(_ => { });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
