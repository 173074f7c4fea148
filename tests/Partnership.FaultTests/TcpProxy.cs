using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Partnership.FaultTests;

/// <summary>
/// A TCP forwarder between the services and one server (PostgreSQL, RabbitMQ or SMTP), so a test can fail that
/// server for this system alone: the test servers are shared with other runs and must never be stopped.
/// Down: new connections are reset at once and existing ones are cut (what a stopped server looks like).
/// Frozen: connections stay open and new ones are accepted, but no byte moves (a hung server or network).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    private TaskCompletionSource _flowing = Open();
    private volatile bool _down;
    private Task _accepting = Task.CompletedTask;

    private TcpProxy(string targetHost, int targetPort) => (_targetHost, _targetPort) = (targetHost, targetPort);

    public string Name { get; private init; } = "";
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Connections => _links.Count;

    public static TcpProxy Start(string name, string targetHost, int targetPort)
    {
        var proxy = new TcpProxy(targetHost, targetPort) { Name = name };
        proxy._listener.Start();
        proxy._accepting = proxy.AcceptLoop();
        return proxy;
    }

    /// <summary>Refuses new connections and cuts every open one.</summary>
    public void Stop()
    {
        _down = true;
        CutAll();
    }

    /// <summary>Accepts and forwards again.</summary>
    public void Start()
    {
        _down = false;
        Thaw();
    }

    /// <summary>Stops moving bytes, keeping every connection open.</summary>
    public void Freeze()
    {
        lock (_links) if (_flowing.Task.IsCompleted) _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Thaw()
    {
        lock (_links) _flowing.TrySetResult();
    }

    /// <summary>Resets every open connection (as a server's administrator terminating its sessions); new ones are accepted.</summary>
    public void CutAll()
    {
        foreach (var link in _links.Keys) link.Cut();
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Serve(client);
        }
    }

    private async Task Serve(Socket client)
    {
        if (_down)
        {
            Reset(client);
            return;
        }
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _stop.Token);
        }
        catch (Exception)
        {
            Reset(client);
            Reset(server);
            return;
        }
        var link = new Link(client, server);
        _links[link] = 0;
        // Stopped while connecting: this one is cut too.
        if (_down) link.Cut();
        try
        {
            await Task.WhenAny(Pump(client, server, link.Cancelled), Pump(server, client, link.Cancelled));
        }
        finally
        {
            _links.TryRemove(link, out _);
            link.Cut();
        }
    }

    private async Task Pump(Socket from, Socket to, CancellationToken cancelled)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancelled);
                if (read == 0) return;
                await _flowing.Task.WaitAsync(cancelled);
                var sent = 0;
                while (sent < read) sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, cancelled);
            }
        }
        catch (Exception)
        {
            // Either side went away or the link was cut: Serve closes both.
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            // Linger 0: close sends RST, as a refused or killed connection, not a polite FIN.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception)
        {
            // Already closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        await _accepting;
    }

    private sealed class Link(Socket client, Socket server)
    {
        private readonly CancellationTokenSource _cut = new();
        public CancellationToken Cancelled => _cut.Token;

        public void Cut()
        {
            try
            {
                _cut.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
            Reset(client);
            Reset(server);
        }
    }
}
