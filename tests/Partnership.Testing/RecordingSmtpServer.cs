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

/// <summary>One SMTP transaction as the server saw it: from MAIL FROM until the answer to DATA or the session's end.</summary>
public sealed record SmtpTransaction(DateTime Began, DateTime? Ended, bool Accepted);

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port that keeps what it accepts. It can be
/// told to stall a recipient's mail before answering, as a server that never acknowledges.
/// </summary>
public sealed class RecordingSmtpServer : MessageStore, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, bool> _stalled = new(StringComparer.OrdinalIgnoreCase);
    private Task _running = Task.CompletedTask;
    // Open transactions by session; a session holds at most one at a time.
    private readonly ConcurrentDictionary<ISessionContext, DateTime> _open = new();
    private readonly ConcurrentQueue<SmtpTransaction> _ended = new();

    public int Port { get; private set; }
    public ConcurrentQueue<ReceivedMail> Received { get; } = new();
    public ConcurrentQueue<string> Stalls { get; } = new();

    public void Start()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(this);
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, e) => e.Context.CommandExecuting += (_, c) =>
        {
            if (c.Command is MailCommand) _open[c.Context] = DateTime.UtcNow;
            else if (c.Command is RsetCommand) End(c.Context, accepted: false);
        };
        server.SessionCompleted += (_, e) => End(e.Context, accepted: false);
        server.SessionFaulted += (_, e) => End(e.Context, accepted: false);
        server.SessionCancelled += (_, e) => End(e.Context, accepted: false);
        _running = server.StartAsync(_stop.Token);
    }

    /// <summary>
    /// Every transaction that had begun (MAIL FROM) by <paramref name="until"/> and had not ended before
    /// <paramref name="from"/>: what a sender that died in that window may have left undecided.
    /// </summary>
    public int TransactionsOpenBetween(DateTime from, DateTime until) =>
        _ended.Count(t => t.Began <= until && t.Ended >= from) + _open.Values.Count(began => began <= until);

    public int OpenTransactions => _open.Count;

    private void End(ISessionContext session, bool accepted)
    {
        if (_open.TryRemove(session, out var began)) _ended.Enqueue(new SmtpTransaction(began, DateTime.UtcNow, accepted));
    }

    public void Stall(string recipient) => _stalled[recipient] = true;

    public IReadOnlyList<ReceivedMail> To(string recipient) =>
        Received.Where(m => string.Equals(m.To, recipient, StringComparison.OrdinalIgnoreCase)).ToList();

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
        ReadOnlySequence<byte> buffer, CancellationToken ct)
    {
        try
        {
            return await Save(context, transaction, buffer, ct);
        }
        finally
        {
            End(context, accepted: !ct.IsCancellationRequested);
        }
    }

    private async Task<SmtpResponse> Save(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
        CancellationToken ct)
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
        Received.Enqueue(new ReceivedMail(to, message.Subject ?? "", message.TextBody ?? "", message.HtmlBody ?? ""));
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
