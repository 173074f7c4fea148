using System.Globalization;
using System.Text;

namespace Partnership.Notification.Delivering.Sending;

/// <summary>
/// The mails the SMTP server accepted, written to a local file the moment its 250 arrives, before the outcome's commit.
/// That commit takes milliseconds under load, and a crash inside them used to leave a mail the server had taken
/// UNKNOWN: the sweeper reads these files before it calls a hand-over UNKNOWN, and a line for that very attempt records
/// the email as sent instead. A killed process leaves its lines behind (the kernel has the write); a machine that dies
/// may lose the last ones, and those emails end UNKNOWN as before. Nothing here can make an email go twice: the journal
/// only ever turns an undecided hand-over into SENT.
/// </summary>
/// <remarks>
/// One file per process and hour (<c>&lt;sender&gt;-&lt;yyyyMMddHH&gt;.accepted</c>), so replicas sharing the directory
/// never write into one file and old files can go once none of their emails is still undecided. A line is
/// <c>key TAB attempt TAB time</c>; a line torn by a crash is skipped when read.
/// </remarks>
public sealed class AcceptedMailJournal : IDisposable
{
    public const string Extension = ".accepted";

    private readonly string _directory;
    private readonly string _prefix;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private FileStream? _file;
    private string? _fileName;

    public AcceptedMailJournal(string directory, string sender, TimeProvider clock)
    {
        _directory = directory;
        _prefix = string.Concat(sender.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));
        _clock = clock;
        Directory.CreateDirectory(directory);
        // Opened now, not at the first acceptance: that one should cost a write, not a file's creation.
        lock (_lock) Current();
    }

    /// <summary>Notes that the server accepted attempt <paramref name="attempt"/> of the email <paramref name="key"/>.</summary>
    public void Accepted(string key, int attempt, DateTimeOffset at)
    {
        var line = Encoding.UTF8.GetBytes($"{key}\t{attempt.ToString(CultureInfo.InvariantCulture)}\t{at.UtcDateTime:O}\n");
        lock (_lock)
        {
            var file = Current();
            // Unbuffered: the bytes are the kernel's when this returns, which is what survives a kill -9.
            file.Write(line);
        }
    }

    /// <summary>Every accepted attempt on record in the directory (all processes' files): key → the latest attempt and when.</summary>
    public IReadOnlyDictionary<string, (int Attempt, DateTimeOffset At)> Read()
    {
        var accepted = new Dictionary<string, (int Attempt, DateTimeOffset At)>(StringComparer.Ordinal);
        foreach (var path in Files())
            foreach (var (key, attempt, at) in Lines(path))
                if (!accepted.TryGetValue(key, out var known) || known.Attempt < attempt) accepted[key] = (attempt, at);
        return accepted;
    }

    /// <summary>
    /// Deletes the files no one writes any more (not this process's current one, untouched for <paramref name="quietFor"/>)
    /// whose emails are all decided; <paramref name="anyUndecided"/> says whether any of the given keys still waits.
    /// </summary>
    public async Task<int> Prune(TimeSpan quietFor, Func<IReadOnlyCollection<string>, Task<bool>> anyUndecided)
    {
        var deleted = 0;
        var cutoff = _clock.GetUtcNow().UtcDateTime - quietFor;
        foreach (var path in Files())
        {
            if (path == Volatile.Read(ref _fileName) || File.GetLastWriteTimeUtc(path) > cutoff) continue;
            var keys = Lines(path).Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
            if (keys.Count > 0 && await anyUndecided(keys)) continue;
            File.Delete(path);
            deleted++;
        }
        return deleted;
    }

    /// <summary>The default directory: one per event-store database, so two systems on one machine keep theirs apart.</summary>
    public static string DefaultDirectory(string? postgresConnectionString)
    {
        var database = new Npgsql.NpgsqlConnectionStringBuilder(postgresConnectionString ?? "");
        var store = string.Concat($"{database.Host}-{database.Port}-{database.Database}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' ? c : '_'));
        return Path.Combine(Path.GetTempPath(), "partnership-notification", "accepted-mail", store);
    }

    private FileStream Current()
    {
        var name = Path.Combine(_directory, $"{_prefix}-{_clock.GetUtcNow().UtcDateTime:yyyyMMddHH}{Extension}");
        if (_file is not null && _fileName == name) return _file;
        _file?.Dispose();
        _file = new FileStream(name, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        Volatile.Write(ref _fileName, name);
        return _file;
    }

    private IEnumerable<string> Files() =>
        Directory.Exists(_directory) ? Directory.EnumerateFiles(_directory, "*" + Extension) : [];

    private static IEnumerable<(string Key, int Attempt, DateTimeOffset At)> Lines(string path)
    {
        string[] lines;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            lines = reader.ReadToEnd().Split('\n');
        }
        catch (FileNotFoundException)
        {
            yield break;
        }
        foreach (var line in lines)
        {
            var parts = line.Split('\t');
            if (parts.Length == 3 && parts[0].Length > 0
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
                && DateTimeOffset.TryParseExact(parts[2], "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                yield return (parts[0], attempt, at);
        }
    }

    public void Dispose()
    {
        lock (_lock) _file?.Dispose();
    }
}
