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

    /// <summary>
    /// A publish not confirmed in this time is given up: on commit it is left to the catch-up, in the catch-up it is
    /// tried again. A broker connection can die without a word, and a confirm that never comes held a stream's
    /// on-commit lane, and every catch-up batch with one of its events in it, for good.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Records of published events are kept at most this long, even if the catch-up never passes them.</summary>
    public TimeSpan RecordRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>/health is Unhealthy when events have waited this long without the catch-up's checkpoint moving.</summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Restart the bus when a receive queue has held ready messages for StallAfter with none taken and none in a consumer
    /// here (<see cref="StalledReceiveRestart"/>). Off, the service only reports it (/health Unhealthy).
    /// </summary>
    public bool RestartStalledReceive { get; set; } = true;

    /// <summary>How often the delivery lag is measured (one small query each).</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(5);
}
