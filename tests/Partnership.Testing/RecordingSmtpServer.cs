using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Partnership.Testing;

public sealed record ReceivedMail(string To, string Subject, string Text, string Html, string From = "");

/// <summary>The steps of an SMTP transaction a fault can be scripted at.</summary>
public enum SmtpStep
{
    /// <summary>The answer to MAIL FROM.</summary>
    MailFrom,
    /// <summary>The answer to RCPT TO.</summary>
    RcptTo,
    /// <summary>The answer after the message content (the end of DATA).</summary>
    Data,
}

/// <summary>One SMTP transaction as the server saw it: from MAIL FROM until the answer to DATA is written, or the session's end.</summary>
public sealed record SmtpTransaction(DateTime Began, DateTime? Ended, bool Accepted);

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port that keeps what it accepts. It can be scripted to
/// fail: stall a recipient's mail before answering DATA (a server that never acknowledges), reply with a chosen code at
/// a chosen step, freeze at a step until thawed, or refuse connections altogether (stopped, then started again on the
/// same port). It counts SMTP transactions, so a test can tell which were open when a sender died.
/// </summary>
public sealed class RecordingSmtpServer : MessageStore, IMailboxFilter, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, bool> _stalled = new(StringComparer.OrdinalIgnoreCase);
    // Scripted faults in the order given; a null reply is a freeze. Null recipient: any transaction.
    private readonly List<(SmtpStep Step, SmtpResponse? Reply, string? Recipient)> _script = [];
    private readonly ConcurrentDictionary<Guid, bool> _mailSessions = new();
    private CancellationTokenSource _stop = new();
    private TaskCompletionSource _thaw = NewThaw();
    private Task _running = Task.CompletedTask;
    // Open transactions by session; a session holds at most one at a time.
    private readonly ConcurrentDictionary<ISessionContext, DateTime> _open = new();
    private readonly ConcurrentQueue<SmtpTransaction> _ended = new();

    public int Port { get; private set; }
    public ConcurrentQueue<ReceivedMail> Received { get; } = new();
    public ConcurrentQueue<string> Stalls { get; } = new();
    /// <summary>Each scripted freeze reached, in order.</summary>
    public ConcurrentQueue<SmtpStep> Freezes { get; } = new();
    /// <summary>Each scripted reply given, as "step code".</summary>
    public ConcurrentQueue<string> Replies { get; } = new();
    /// <summary>Distinct connections that carried at least one MAIL FROM.</summary>
    public int MailConnections => _mailSessions.Count;

    /// <summary>Called for each accepted mail, before the server answers: lets a load driver signal completion without polling.</summary>
    public event Action<ReceivedMail>? Accepted;

    public void Start() => Listen(FreePort());

    /// <summary>Starts and returns once the port accepts connections.</summary>
    public async Task StartListening()
    {
        Start();
        await WaitUntilListening();
    }

    /// <summary>Stops listening (connections are refused) until <see cref="ResumeListening"/>; open sessions end.</summary>
    public async Task Refuse()
    {
        await _stop.CancelAsync();
        await _running.ContinueWith(_ => { });
        _stop.Dispose();
        _stop = new CancellationTokenSource();
    }

    /// <summary>Listens again on the same port.</summary>
    public async Task ResumeListening()
    {
        Listen(Port);
        await WaitUntilListening();
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

    /// <summary>
    /// The next <paramref name="times"/> transactions reaching <paramref name="step"/> (for <paramref name="recipient"/> only,
    /// when given; not at MAIL FROM, where no recipient is known yet) get this reply (4xx or 5xx).
    /// </summary>
    public void Reply(SmtpStep step, int code, string text, int times = 1, string? recipient = null) =>
        Script(step, new SmtpResponse((SmtpReplyCode)code, text), times, recipient);

    /// <summary>The next <paramref name="times"/> transactions reaching <paramref name="step"/> wait there until <see cref="Thaw"/>.</summary>
    public void Freeze(SmtpStep step, int times = 1, string? recipient = null) => Script(step, null, times, recipient);

    /// <summary>Lets every frozen transaction go on (and answer normally).</summary>
    public void Thaw() => Interlocked.Exchange(ref _thaw, NewThaw()).TrySetResult();

    public IReadOnlyList<ReceivedMail> To(string recipient) =>
        Received.Where(m => string.Equals(m.To, recipient, StringComparison.OrdinalIgnoreCase)).ToList();

    public async Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken ct)
    {
        _mailSessions.TryAdd(context.SessionId, true);
        if (await Scripted(SmtpStep.MailFrom, null, ct) is { } reply) throw new SmtpResponseException(reply);
        return true;
    }

    public async Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken ct)
    {
        if (await Scripted(SmtpStep.RcptTo, $"{to.User}@{to.Host}", ct) is { } reply) throw new SmtpResponseException(reply);
        return true;
    }

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
        ReadOnlySequence<byte> buffer, CancellationToken ct)
    {
        try
        {
            return await Save(context, transaction, buffer, ct);
        }
        catch
        {
            End(context, accepted: false);
            throw;
        }
        // Otherwise the transaction ends once the answer to DATA is written (CommandExecuted): until then the client
        // still waits for it, and a sender that dies meanwhile never learns the outcome.
    }

    private async Task<SmtpResponse> Save(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
        CancellationToken ct)
    {
        var to = string.Join(",", transaction.To.Select(m => $"{m.User}@{m.Host}"));
        if (_stalled.ContainsKey(to))
        {
            Stalls.Enqueue(to);
            // The client is left waiting for the answer to DATA, and never gets one: the session ends without a reply
            // when the server stops. Not on the session's token: SmtpServer cancels it when the session's time is up
            // while the client still listens, and a reply written then reached the client as a refusal (554, seen in
            // CI), an outcome a server that never answers cannot give.
            await Task.Delay(Timeout.Infinite, _stop.Token);
        }
        if (await Scripted(SmtpStep.Data, to, ct) is { } reply) return reply;
        using var stream = new MemoryStream(buffer.ToArray());
        var message = await MimeMessage.LoadAsync(stream, ct);
        var mail = new ReceivedMail(to, message.Subject ?? "", message.TextBody ?? "", message.HtmlBody ?? "",
            string.Join(",", message.From.Mailboxes.Select(m => m.Address)));
        Received.Enqueue(mail);
        Accepted?.Invoke(mail);
        return SmtpResponse.Ok;
    }

    public async ValueTask DisposeAsync()
    {
        Thaw();
        await _stop.CancelAsync();
        await _running.ContinueWith(_ => { });
    }

    private void Script(SmtpStep step, SmtpResponse? reply, int times, string? recipient)
    {
        if (step == SmtpStep.MailFrom && recipient is not null)
            throw new ArgumentException("MAIL FROM comes before any recipient is known.", nameof(recipient));
        lock (_script)
            for (var i = 0; i < times; i++) _script.Add((step, reply, recipient));
    }

    // A scripted error reply for this step, or null to go on (after waiting out a scripted freeze).
    private async Task<SmtpResponse?> Scripted(SmtpStep step, string? recipient, CancellationToken ct)
    {
        SmtpResponse? fault;
        lock (_script)
        {
            var index = _script.FindIndex(f => f.Step == step
                && (f.Recipient is null || string.Equals(f.Recipient, recipient, StringComparison.OrdinalIgnoreCase)));
            if (index < 0) return null;
            fault = _script[index].Reply;
            _script.RemoveAt(index);
        }
        if (fault is not null)
        {
            Replies.Enqueue($"{step} {(int)fault.ReplyCode}");
            return fault;
        }
        Freezes.Enqueue(step);
        await Volatile.Read(ref _thaw).Task.WaitAsync(ct).ContinueWith(_ => { });
        return null;
    }

    private void Listen(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            // SmtpServer ends every session SessionTimeout (2 min by default) after it began, whatever it is doing: a
            // pooled connection in use for that long had its transaction cut after DATA, and the sender rightly recorded
            // UNKNOWN (3-4 of 5,000 emails in long benchmark runs). Real servers time out a silent client, not a busy one.
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).SessionTimeout(TimeSpan.FromHours(6))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add((IMessageStore)this);
        services.Add((IMailboxFilter)this);
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, e) => e.Context.CommandExecuting += (_, c) =>
        {
            if (c.Command is MailCommand) _open[c.Context] = DateTime.UtcNow;
            else if (c.Command is RsetCommand) End(c.Context, accepted: false);
        };
        server.SessionCreated += (_, e) => e.Context.CommandExecuted += (_, c) =>
        {
            if (c.Command is DataCommand) End(c.Context, accepted: true);
        };
        server.SessionCompleted += (_, e) => End(e.Context, accepted: false);
        server.SessionFaulted += (_, e) => End(e.Context, accepted: false);
        server.SessionCancelled += (_, e) => End(e.Context, accepted: false);
        _running = server.StartAsync(_stop.Token);
    }

    private async Task WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_running.IsCompleted)
            {
                await Task.Delay(50);
            }
        }
    }

    private static TaskCompletionSource NewThaw() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
