using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;

namespace Partnership.Notification.UnitTests;

/// <summary>A message as the SMTP server received it: the envelope recipients and the parsed MIME message.</summary>
public sealed record ReceivedMail(IReadOnlyList<string> To, MimeMessage Message);

/// <summary>Records every message it is given, answering with <paramref name="response"/>; <paramref name="onSave"/> runs first.</summary>
public sealed class RecordingMessageStore(SmtpResponse response, Func<Task>? onSave = null) : MessageStore
{
    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
        ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if (onSave is not null) await onSave();
        using var stream = new MemoryStream(buffer.ToArray());
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        Received.Enqueue(new ReceivedMail(transaction.To.Select(m => $"{m.User}@{m.Host}").ToList(), message));
        return response;
    }
}

/// <summary>A real SMTP server (the SmtpServer package) in this process, on a free loopback port.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private TestSmtpServer(RecordingMessageStore store, int port)
    {
        Store = store;
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        _running = new SmtpServerHost(options, services).StartAsync(_stop.Token);
    }

    public RecordingMessageStore Store { get; }
    public int Port { get; }

    public static async Task<TestSmtpServer> Start(RecordingMessageStore? store = null)
    {
        var server = new TestSmtpServer(store ?? new RecordingMessageStore(SmtpResponse.Ok), FreePort());
        await server.WaitUntilListening();
        return server;
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
