namespace Partnership.Messaging;

/// <summary>How integration events leave the service ("Messaging:Delivery").</summary>
public sealed class IntegrationEventDeliveryOptions
{
    public const string Section = "Messaging:Delivery";

    /// <summary>Publish right after commit. Off, only the catch-up publishes (tests use it to stand for a crash).</summary>
    public bool OnCommit { get; set; } = true;

    /// <summary>
    /// The catch-up leaves an event this long to the on-commit publisher before it looks at it. Long enough for a
    /// publish and its record under load; a later record only costs a duplicate, which consumers drop.
    /// </summary>
    public TimeSpan CatchUpGrace { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Records of published events are kept at most this long, even if the catch-up never passes them.</summary>
    public TimeSpan RecordRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>/health is Unhealthy when events have waited this long without the catch-up's checkpoint moving.</summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the delivery lag is measured (one small query each).</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(5);
}
