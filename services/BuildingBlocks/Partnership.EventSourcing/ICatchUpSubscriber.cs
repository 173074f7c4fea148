namespace Partnership.EventSourcing;

/// <summary>
/// A checkpointed catch-up subscription to the store-wide log. The adapter calls it with committed
/// events in order and moves the checkpoint only after it returns, so delivery is at least once:
/// a crash before the checkpoint means the same events come again, and handlers must be idempotent.
/// </summary>
public interface ICatchUpSubscriber
{
    /// <summary>Stable name; the checkpoint is stored under it.</summary>
    string SubscriptionName { get; }

    Task Handle(IReadOnlyList<RecordedEvent> events, CancellationToken ct);
}

/// <summary>Where subscriptions and the log stand: what delivery progress and the catch-up's readers go by.</summary>
public interface ISubscriptionControl
{
    /// <summary>The subscription's checkpoint, or 0 when it has none.</summary>
    Task<long> Checkpoint(string subscriptionName, CancellationToken ct);

    /// <summary>The position of the last committed event in the store (0 when it is empty).</summary>
    Task<long> Head(CancellationToken ct);

    /// <summary>
    /// The position up to which the log is settled: every lower position is committed or known never to commit (a failed
    /// append's hole), so a reader that stops here never skips an event committed later below it. 0 before it is known.
    /// </summary>
    Task<long> SettledPosition(CancellationToken ct);
}
