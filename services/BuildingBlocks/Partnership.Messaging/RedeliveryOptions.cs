namespace Partnership.Messaging;

/// <summary>How a message whose handling failed for a reason that may pass waits in the broker ("Messaging:Redelivery").</summary>
public sealed class RedeliveryOptions
{
    public const string Section = "Messaging:Redelivery";

    /// <summary>
    /// The waits after each failed delivery (after the in-memory retries): the n-th uses the n-th entry, later ones the
    /// last. Each is a wait queue with that message TTL, dead-lettered back to the consumer's queue. Comma-separated
    /// (a configured list would be appended to the default, not replace it).
    /// </summary>
    public string Delays { get; set; } = "00:00:05,00:00:30,00:05:00";

    public IReadOnlyList<TimeSpan> DelayList => Delays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(d => TimeSpan.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).Where(d => d > TimeSpan.Zero).ToList();

    /// <summary>A message still failing this long after its first failure goes to the _error queue.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the _error queues' depths are read for the metric.</summary>
    public TimeSpan ErrorQueuePollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
