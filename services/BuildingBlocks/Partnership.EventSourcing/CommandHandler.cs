namespace Partnership.EventSourcing;

/// <summary>What a handled command left behind: the state after it and the stream version to hand to clients.</summary>
public sealed record CommandResult<TState>(TState State, long Version, IReadOnlyList<object> NewEvents);

/// <summary>Load, decide, append with the expected version. The only place the domain meets the store.</summary>
public sealed class CommandHandler(IEventStore store)
{
    // A conflict means another writer got there first; deciding again on fresh state is correct
    // because deciders are idempotent (a second accept or link of the same thing yields no events).
    private const int ConflictRetries = 5;

    public async Task<CommandResult<TState>> Handle<TState, TCommand>(string streamId, TCommand command, CancellationToken ct,
        long? clientExpectedVersion = null)
        where TState : IDecider<TState, TCommand>
    {
        for (var attempt = 0; ; attempt++)
        {
            var stream = await store.ReadStream(streamId, ct);
            if (clientExpectedVersion is { } v && v != stream.Version)
                throw new WrongExpectedVersionException(streamId, ExpectedVersion.Exactly(v));
            var state = stream.Events.Select(e => e.Data).Fold(TState.Initial, TState.Evolve);
            var newEvents = TState.Decide(command, state);
            if (newEvents.Count == 0) return new(state, stream.Version, newEvents);
            try
            {
                var version = await store.AppendToStream(streamId, new ExpectedVersion(stream.Version), newEvents, ct);
                return new(newEvents.Fold(state, TState.Evolve), version, newEvents);
            }
            catch (WrongExpectedVersionException) when (attempt < ConflictRetries && clientExpectedVersion is null)
            {
            }
        }
    }

    /// <summary>
    /// Load, gather, decide, append: <paramref name="command"/> builds the command from the state it is given (asking
    /// whatever it needs, e.g. another service), or returns null when there is nothing to do. On a version conflict all
    /// of it runs again on the fresh state, so the facts are gathered about what the stream holds now.
    /// </summary>
    public async Task<CommandResult<TState>> Handle<TState, TCommand>(string streamId,
        Func<TState, CancellationToken, Task<TCommand?>> command, CancellationToken ct)
        where TState : IDecider<TState, TCommand>
        where TCommand : class
    {
        for (var attempt = 0; ; attempt++)
        {
            var stream = await store.ReadStream(streamId, ct);
            var state = stream.Events.Select(e => e.Data).Fold(TState.Initial, TState.Evolve);
            var gathered = await command(state, ct);
            var newEvents = gathered is null ? [] : TState.Decide(gathered, state);
            if (newEvents.Count == 0) return new(state, stream.Version, newEvents);
            try
            {
                var version = await store.AppendToStream(streamId, new ExpectedVersion(stream.Version), newEvents, ct);
                return new(newEvents.Fold(state, TState.Evolve), version, newEvents);
            }
            catch (WrongExpectedVersionException) when (attempt < ConflictRetries)
            {
            }
        }
    }

    public async Task<(TState State, long Version)> Load<TState, TCommand>(string streamId, CancellationToken ct)
        where TState : IDecider<TState, TCommand>
    {
        var stream = await store.ReadStream(streamId, ct);
        return (stream.Events.Select(e => e.Data).Fold(TState.Initial, TState.Evolve), stream.Version);
    }
}
