namespace Partnership.EventSourcing;

/// <summary>
/// A pure decider: <c>Decide(command, state) -> events</c> and <c>Evolve(state, event) -> state</c>.
/// No I/O; the command handler loads, decides and appends.
/// </summary>
public interface IDecider<TState, in TCommand>
{
    static abstract TState Initial { get; }
    static abstract TState Evolve(TState state, object @event);
    static abstract IReadOnlyList<object> Decide(TCommand command, TState state);
}

public static class DeciderExtensions
{
    public static TState Fold<TState>(this IEnumerable<object> events, TState initial, Func<TState, object, TState> evolve) =>
        events.Aggregate(initial, evolve);
}
