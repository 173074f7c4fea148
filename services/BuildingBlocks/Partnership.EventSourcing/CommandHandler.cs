namespace Partnership.EventSourcing;

/// <summary>What a handled command left behind: the state after it and the stream version to hand to clients.</summary>
public sealed record CommandResult<TState>(TState State, long Version, IReadOnlyList<object> NewEvents);

/// <summary>
/// Load, decide, append with the expected version. The only place the domain meets the store.
/// A stream this process has seen is not read again from the start: a command decides on the state it was last seen
/// at (<see cref="DecidedStates"/>), or on the initial state for a stream it has not seen, and only the events after it
/// are read when that state turns out old (the append
/// conflicts), or when the command would change nothing or is refused (neither reaches the append's version check), so
/// a command is never refused or ignored on a state older than the store's.
/// </summary>
public sealed class CommandHandler(IEventStore store, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    // A conflict means another writer got there first; deciding again on fresh state is correct
    // because deciders are idempotent (a second accept or link of the same thing yields no events).
    private const int ConflictRetries = 5;

    private readonly DecidedStates _seen = new();

    private readonly record struct Current<TState>(TState State, long Version, bool Read);

    public Task<CommandResult<TState>> Handle<TState, TCommand>(string streamId, TCommand command, CancellationToken ct,
        long? clientExpectedVersion = null)
        where TState : IDecider<TState, TCommand> =>
        Decide<TState, TCommand>(streamId, (_, _) => Task.FromResult<TCommand?>(command), ct, clientExpectedVersion);

    /// <summary>
    /// Load, gather, decide, append: <paramref name="command"/> builds the command from the state it is given (asking
    /// whatever it needs, e.g. another service), or returns null when there is nothing to do. On a version conflict all
    /// of it runs again on the fresh state, so the facts are gathered about what the stream holds now.
    /// </summary>
    public Task<CommandResult<TState>> Handle<TState, TCommand>(string streamId,
        Func<TState, CancellationToken, Task<TCommand?>> command, CancellationToken ct)
        where TState : IDecider<TState, TCommand>
        where TCommand : class =>
        Decide<TState, TCommand>(streamId, command, ct, clientExpectedVersion: null);

    /// <summary>
    /// The stream's state now: what this process saw last, plus whatever was appended since. A reader that can do with
    /// less may skip the read: a state this process holds is taken as it is when <paramref name="settled"/> says it can
    /// no longer change, or when this process appended it, or read it as stored, at most <paramref name="reuseFor"/>
    /// ago (what another process appended since is then seen that much later).
    /// </summary>
    public async Task<(TState State, long Version)> Load<TState, TCommand>(string streamId, CancellationToken ct,
        TimeSpan reuseFor = default, Func<TState, bool>? settled = null)
        where TState : IDecider<TState, TCommand>
    {
        // A held state always has a version: only streams with events are remembered.
        var held = Seen<TState, TCommand>(streamId, out var seenAt);
        if (held.Version > 0
            && (settled?.Invoke(held.State) == true || reuseFor > TimeSpan.Zero && _time.GetElapsedTime(seenAt) <= reuseFor))
            return (held.State, held.Version);
        var current = await Read<TState, TCommand>(streamId, held, ct);
        return (current.State, current.Version);
    }

    private async Task<CommandResult<TState>> Decide<TState, TCommand>(string streamId,
        Func<TState, CancellationToken, Task<TCommand?>> command, CancellationToken ct, long? clientExpectedVersion)
        where TState : IDecider<TState, TCommand>
    {
        // A stream not seen yet is taken to be new: most are (a new customer, subaccount, organization, email), and one
        // that is not fails the append ("no stream" expected) and is read then.
        var current = Seen<TState, TCommand>(streamId, out _);
        for (var conflicts = 0; ;)
        {
            if (clientExpectedVersion is { } v && v != current.Version)
            {
                if (!current.Read)
                {
                    current = await Read<TState, TCommand>(streamId, current, ct);
                    continue;
                }
                throw new WrongExpectedVersionException(streamId, ExpectedVersion.Exactly(v));
            }
            IReadOnlyList<object> newEvents;
            try
            {
                var gathered = await command(current.State, ct);
                newEvents = gathered is null ? [] : TState.Decide(gathered, current.State);
            }
            catch (Exception) when (!current.Read)
            {
                // A refusal (or anything else that went wrong) on a state not read for this command: it may be the
                // state's age talking (another replica moved the stream on), so it is decided again on the stream as stored.
                current = await Read<TState, TCommand>(streamId, current, ct);
                continue;
            }
            if (newEvents.Count == 0)
            {
                // Nothing to append, so no version check: "nothing to do" must be true of the stream as stored.
                if (!current.Read)
                {
                    current = await Read<TState, TCommand>(streamId, current, ct);
                    continue;
                }
                return new(current.State, current.Version, newEvents);
            }
            try
            {
                var before = _time.GetTimestamp();
                var version = await store.AppendToStream(streamId, new ExpectedVersion(current.Version), newEvents, ct);
                var state = newEvents.Fold(current.State, TState.Evolve);
                _seen.Remember(streamId, state, version, before);
                return new(state, version, newEvents);
            }
            catch (WrongExpectedVersionException) when (!current.Read || clientExpectedVersion is null && conflicts++ < ConflictRetries)
            {
                // A state not read for this command is expected to be old now and then: not counted as a conflict.
                current = await Read<TState, TCommand>(streamId, current, ct);
            }
        }
    }

    private Current<TState> Seen<TState, TCommand>(string streamId, out long seenAt) where TState : IDecider<TState, TCommand> =>
        _seen.TryGet<TState>(streamId, out var state, out var version, out seenAt) ? new(state, version, Read: false) : new(TState.Initial, 0, Read: false);

    /// <summary>Reads the events after <paramref name="from"/> and folds them on (from the start when nothing was seen).</summary>
    private async Task<Current<TState>> Read<TState, TCommand>(string streamId, Current<TState> from, CancellationToken ct)
        where TState : IDecider<TState, TCommand>
    {
        var before = _time.GetTimestamp();
        var after = await store.ReadStreamAfter(streamId, from.Version, ct);
        var state = after.Events.Select(e => e.Data).Fold(from.State, TState.Evolve);
        if (after.Version > 0) _seen.Remember(streamId, state, after.Version, before);
        return new(state, after.Version, Read: true);
    }
}
