using System.Globalization;
using Npgsql;

namespace Partnership.Benchmarks;

/// <summary>
/// Samples, twice a second, how many PostgreSQL connections each service process holds (its sockets to port 5432,
/// from /proc) and how many client backends the server has in all (pg_stat_activity, on a connection opened before
/// the server could fill up). Reports the peaks: max_connections is a budget the four services share.
/// </summary>
public sealed class ConnectionSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, int> _peaks = new();
    private readonly NpgsqlConnection _connection;
    private readonly Task _sampling;
    private int _peakServerTotal;
    private int _samples;

    private ConnectionSampler(NpgsqlConnection connection, IReadOnlyDictionary<string, int> processes, int port)
    {
        _connection = connection;
        _sampling = Task.Run(() => Sample(processes, port));
    }

    public static async Task<ConnectionSampler> Start(string adminConnectionString, IReadOnlyDictionary<string, int> processes, int port = 5432)
    {
        var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        return new ConnectionSampler(connection, processes, port);
    }

    public IReadOnlyDictionary<string, int> Peaks
    {
        get
        {
            lock (_peaks) return new Dictionary<string, int>(_peaks);
        }
    }

    public int PeakServerTotal => _peakServerTotal;
    public int Samples => _samples;

    private async Task Sample(IReadOnlyDictionary<string, int> processes, int port)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var toPostgres = SocketsTo(port);
                lock (_peaks)
                    foreach (var (name, pid) in processes)
                    {
                        var held = SocketInodes(pid).Count(toPostgres.Contains);
                        _peaks[name] = Math.Max(_peaks.GetValueOrDefault(name), held);
                    }
                await using (var command = new NpgsqlCommand(
                                 "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'", _connection))
                    _peakServerTotal = Math.Max(_peakServerTotal, (int)(long)(await command.ExecuteScalarAsync(_stop.Token))!);
                _samples++;
                await Task.Delay(500, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or NpgsqlException or UnauthorizedAccessException)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>Inodes of established TCP connections to 127.0.0.1:port.</summary>
    private static HashSet<long> SocketsTo(int port)
    {
        var remote = $"0100007F:{port:X4}";
        var inodes = new HashSet<long>();
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 9 && fields[2] == remote && fields[3] == "01")
                inodes.Add(long.Parse(fields[9], CultureInfo.InvariantCulture));
        }
        return inodes;
    }

    private static IEnumerable<long> SocketInodes(int pid)
    {
        string[] fds;
        try
        {
            fds = Directory.GetFiles($"/proc/{pid}/fd");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var fd in fds)
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                && long.TryParse(target.AsSpan(8, target.Length - 9), out var inode))
                yield return inode;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        await _connection.DisposeAsync();
    }
}
