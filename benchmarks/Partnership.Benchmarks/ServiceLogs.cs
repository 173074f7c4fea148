using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Partnership.Benchmarks;

/// <summary>
/// Every line the services write, into one file per service outside the repository, and a count of their
/// warnings and errors per phase of the run, with one example of each kind.
/// </summary>
public sealed partial class ServiceLogs : IAsyncDisposable
{
    public sealed record Kind(string Phase, string Service, string Level, string Category);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];
    private readonly ConcurrentDictionary<Kind, int> _counts = new();
    private readonly ConcurrentDictionary<Kind, string> _examples = new();
    private volatile string _phase = "startup";

    public string Directory { get; }

    public ServiceLogs(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
    }

    public string Phase
    {
        get => _phase;
        set => _phase = value;
    }

    /// <summary>
    /// Follows the services' console output. The streams are keyed by DCP's instance names (e.g. "identity-xyz"),
    /// known from the first resource notification; the streams replay from the first line.
    /// </summary>
    public void Watch(DistributedApplication app, IReadOnlyCollection<string> services)
    {
        var loggers = app.Services.GetRequiredService<ResourceLoggerService>();
        _readers.Add(Task.Run(async () =>
        {
            var followed = new HashSet<string>();
            try
            {
                await foreach (var e in app.ResourceNotifications.WatchAsync(_stop.Token))
                {
                    if (!services.Contains(e.Resource.Name) || !followed.Add(e.ResourceId)) continue;
                    var service = e.Resource.Name;
                    var instance = e.ResourceId;
                    lock (_readers) _readers.Add(Task.Run(() => Read(loggers, service, instance)));
                }
            }
            catch (OperationCanceledException)
            {
            }
        }));
    }

    /// <summary>A warning or error logged in the benchmark process itself (the AppHost, DCP, health checks).</summary>
    public void Record(string source, string level, string category, string example)
    {
        var kind = new Kind(_phase, source, level, category);
        _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
        _examples.TryAdd(kind, example);
    }

    public IReadOnlyDictionary<Kind, int> Counts => _counts;
    public string ExampleOf(Kind kind) => _examples.GetValueOrDefault(kind, "");

    private async Task Read(ResourceLoggerService loggers, string service, string instance)
    {
        // One file per instance: a restarted service gets a new one.
        await using var file = new StreamWriter(Path.Combine(Directory, instance + ".log"), append: false) { AutoFlush = false };
        Kind? pending = null; // a warning or error whose message is on the following lines (simple console format)
        var pendingLines = 0;
        try
        {
            await foreach (var batch in loggers.WatchAsync(instance).WithCancellation(_stop.Token))
            {
                foreach (var line in batch)
                {
                    var content = Ansi().Replace(line.Content, "");
                    await file.WriteLineAsync(content);
                    var header = Header().Match(content);
                    if (!header.Success && pending is not null && pendingLines-- > 0)
                    {
                        // The first line is the message; an exception's type and text, when one follows, says more.
                        var message = MessageOf(content);
                        if (!_examples.TryGetValue(pending, out var example)) _examples[pending] = message;
                        else if (message.Contains("Exception", StringComparison.Ordinal) && !example.Contains(" | ", StringComparison.Ordinal))
                        {
                            _examples[pending] = example + " | " + message;
                            pendingLines = 0;
                        }
                        continue;
                    }
                    pending = null;
                    if (header.Success)
                    {
                        var level = header.Groups["level"].Value;
                        if (level is "warn" or "fail" or "crit")
                        {
                            var kind = new Kind(_phase, service, level, header.Groups["category"].Value);
                            _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
                            var rest = content[(header.Index + header.Length)..].Trim();
                            if (rest.Length > 0) _examples.TryAdd(kind, rest);
                            if (!_examples.ContainsKey(kind) || !_examples[kind].Contains(" | ", StringComparison.Ordinal))
                            {
                                pending = kind;
                                pendingLines = 30;
                            }
                        }
                    }
                    else if (line.IsErrorMessage && !string.IsNullOrWhiteSpace(content))
                    {
                        var kind = new Kind(_phase, service, "stderr", "");
                        _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
                        _examples.TryAdd(kind, MessageOf(content));
                    }
                }
                await file.FlushAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // The console logger colours the level when DCP runs the service.
    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex Ansi();

    // "warn: MassTransit.ReceiveTransport[0]" with an optional timestamp in front.
    [GeneratedRegex(@"^(?:\S+\s+)?(?<level>trce|dbug|info|warn|fail|crit): (?<category>[^\[\s]+)\[\d+\]")]
    private static partial Regex Header();

    // Without the timestamp DCP puts in front of every line.
    private static string MessageOf(string content) => Timestamp().Replace(content, "").Trim();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\S+\s")]
    private static partial Regex Timestamp();

    public async ValueTask DisposeAsync()
    {
        // Let the last lines (the shutdown) arrive before the readers stop.
        Task[] readers;
        lock (_readers) readers = _readers.ToArray();
        await Task.WhenAny(Task.WhenAll(readers), Task.Delay(TimeSpan.FromSeconds(2)));
        await _stop.CancelAsync();
        lock (_readers) readers = _readers.ToArray();
        await Task.WhenAll(readers).ContinueWith(_ => { });
    }
}

/// <summary>Counts the benchmark process's own warnings and errors (AppHost, DCP, health checks) into <see cref="ServiceLogs"/>.</summary>
public sealed class CountingLoggerProvider(ServiceLogs logs) : Microsoft.Extensions.Logging.ILoggerProvider
{
    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Counter(logs, categoryName);

    public void Dispose()
    {
    }

    private sealed class Counter(ServiceLogs logs, string category) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) =>
            logLevel >= Microsoft.Extensions.Logging.LogLevel.Warning && !category.Contains(".Resources.", StringComparison.Ordinal);

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var level = logLevel switch
            {
                Microsoft.Extensions.Logging.LogLevel.Warning => "warn",
                Microsoft.Extensions.Logging.LogLevel.Error => "fail",
                _ => "crit",
            };
            logs.Record("apphost", level, category, formatter(state, exception));
        }
    }
}
