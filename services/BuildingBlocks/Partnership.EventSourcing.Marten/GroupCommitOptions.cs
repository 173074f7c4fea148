using Microsoft.Extensions.Configuration;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// How the store groups concurrent appends into one transaction (EventStore:GroupCommit:*).
/// </summary>
public sealed record GroupCommitOptions
{
    /// <summary>At most this many appends share a transaction; 1 commits every append alone, as before group commit.</summary>
    public int MaxBatch { get; init; } = 64;

    /// <summary>
    /// How long a batch waits for more appends once its first one arrived. Short: every lone append pays it in latency.
    /// Zero commits whatever is queued at once; appends arriving during a commit still share the next one.
    /// </summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(1);

    public static GroupCommitOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("EventStore:GroupCommit");
        var defaults = new GroupCommitOptions();
        var options = new GroupCommitOptions
        {
            MaxBatch = section.GetValue("MaxBatch", defaults.MaxBatch),
            Linger = section.GetValue("Linger", defaults.Linger),
        };
        if (options.MaxBatch < 1) throw new InvalidOperationException("EventStore:GroupCommit:MaxBatch must be at least 1.");
        if (options.Linger < TimeSpan.Zero) throw new InvalidOperationException("EventStore:GroupCommit:Linger must not be negative.");
        return options;
    }
}
