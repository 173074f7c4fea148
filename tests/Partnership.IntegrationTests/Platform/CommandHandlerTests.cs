using Microsoft.Extensions.Time.Testing;
using Partnership.EventSourcing;
using Partnership.Testing;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// The command handler decides on the state it last saw a stream at, and never lets that state's age change an
/// answer: an older state makes the append conflict and is read forward, and "nothing to do" is checked against the
/// store. In memory: the store's semantics are the port's (expected version on every append).
/// </summary>
public sealed class CommandHandlerTests
{
    private const string Stream = "light-1";
    private readonly InMemoryEventStore _store = new();
    private readonly FakeTimeProvider _clock = new();
    private readonly CommandHandler _handler;

    public CommandHandlerTests() => _handler = new CommandHandler(_store, _clock);

    [Fact]
    public async Task A_new_stream_is_not_read_before_its_first_command_nor_again_for_the_next()
    {
        await _handler.Handle<Light, Switch>(Stream, new Switch(true), default);
        await _handler.Handle<Light, Switch>(Stream, new Switch(false), default);
        var third = await _handler.Handle<Light, Switch>(Stream, new Switch(true), default);

        Assert.Empty(_store.Reads);
        Assert.Equal(3, third.Version);
        Assert.Equal([ExpectedVersion.NoStream, new ExpectedVersion(1), new ExpectedVersion(2)], _store.Appends.Select(a => a.Expected));
    }

    [Fact]
    public async Task A_stream_this_process_has_not_seen_is_read_when_taking_it_for_new_fails()
    {
        _store.Seed(Stream, new Switched(true), new Switched(false));

        var switchedOn = await _handler.Handle<Light, Switch>(Stream, new Switch(true), default);

        Assert.Equal(3, switchedOn.Version);
        // Taken for new, its append was refused (the store records only those it took); then it was read once.
        Assert.Equal([new ExpectedVersion(2)], _store.Appends.Select(a => a.Expected));
        Assert.Single(_store.Reads);
        Assert.True(switchedOn.State.On);
    }

    [Fact]
    public async Task Nothing_to_do_on_a_stream_this_process_has_not_seen_is_checked_against_the_store()
    {
        _store.Seed(Stream, new Switched(true));

        var switchedOff = await _handler.Handle<Light, Switch>(Stream, new Switch(false), default);

        Assert.Equal([new Switched(false)], switchedOff.NewEvents);
        Assert.Equal(2, switchedOff.Version);
    }

    [Fact]
    public async Task A_state_another_writer_made_old_is_read_forward_and_the_command_decided_again()
    {
        await _handler.Handle<Light, Switch>(Stream, new Switch(true), default);
        _store.Seed(Stream, new Switched(false), new Switched(true));

        var result = await _handler.Handle<Light, Switch>(Stream, new Switch(false), default);

        Assert.Equal(4, result.Version);
        Assert.Equal(4, (await _store.ReadStream(Stream, default)).Version);
        Assert.False(result.State.On);
    }

    [Fact]
    public async Task Nothing_to_do_on_an_old_state_is_checked_against_the_store()
    {
        await _handler.Handle<Light, Switch>(Stream, new Switch(true), default);
        // Another replica switched it off; this process still saw it on, where Switch(true) would change nothing.
        _store.Seed(Stream, new Switched(false));

        var result = await _handler.Handle<Light, Switch>(Stream, new Switch(true), default);

        Assert.Equal([new Switched(true)], result.NewEvents);
        Assert.Equal(3, result.Version);
    }

    [Fact]
    public async Task A_refusal_on_an_old_state_is_checked_against_the_store()
    {
        await _handler.Handle<Light, Switch>(Stream, new Switch(true), default);
        _store.Seed(Stream, new Switched(false));

        // On the state this process saw (on), a strict switch-on is refused; the stored light is off.
        var result = await _handler.Handle<Light, Switch>(Stream, new Switch(true, Strict: true), default);

        Assert.Equal([new Switched(true)], result.NewEvents);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _handler.Handle<Light, Switch>(Stream, new Switch(true, Strict: true), default));
    }

    [Fact]
    public async Task A_client_version_is_compared_with_the_stream_as_stored()
    {
        await _handler.Handle<Light, Switch>(Stream, new Switch(true), default);
        _store.Seed(Stream, new Switched(false));

        var result = await _handler.Handle<Light, Switch>(Stream, new Switch(true), default, clientExpectedVersion: 2);
        Assert.Equal(3, result.Version);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            _handler.Handle<Light, Switch>(Stream, new Switch(false), default, clientExpectedVersion: 2));
    }

    [Fact]
    public async Task A_load_sees_what_other_writers_appended()
    {
        await _handler.Handle<Light, Switch>(Stream, new Switch(true), default);
        _store.Seed(Stream, new Switched(false));

        var (light, version) = await _handler.Load<Light, Switch>(Stream, default);

        Assert.False(light.On);
        Assert.Equal(2, version);
    }

    [Fact]
    public async Task A_load_may_reuse_what_this_process_saw_for_a_while_then_reads_what_others_appended()
    {
        var reuse = TimeSpan.FromMilliseconds(250);
        await _handler.Handle<Light, Switch>(Stream, new Switch(true), default);
        _store.Seed(Stream, new Switched(false));

        _clock.Advance(reuse);
        var (reused, reusedVersion) = await _handler.Load<Light, Switch>(Stream, default, reuseFor: reuse);
        Assert.Empty(_store.Reads);
        Assert.True(reused.On);
        Assert.Equal(1, reusedVersion);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var (read, version) = await _handler.Load<Light, Switch>(Stream, default, reuseFor: reuse);
        Assert.Equal([Stream], _store.Reads);
        Assert.False(read.On);
        Assert.Equal(2, version);

        // The read counts as seeing it: reused again from there.
        _clock.Advance(reuse);
        await _handler.Load<Light, Switch>(Stream, default, reuseFor: reuse);
        Assert.Single(_store.Reads);
    }

    [Fact]
    public async Task A_load_reuses_a_settled_state_whatever_its_age_and_reads_one_it_has_not_seen()
    {
        var (unseen, _) = await _handler.Load<Light, Switch>(Stream, default, settled: light => light.On);
        Assert.False(unseen.On);
        Assert.Single(_store.Reads);

        await _handler.Handle<Light, Switch>(Stream, new Switch(true), default);
        _clock.Advance(TimeSpan.FromDays(1));
        var (settled, _) = await _handler.Load<Light, Switch>(Stream, default, settled: light => light.On);
        Assert.True(settled.On);
        Assert.Single(_store.Reads);

        // Not settled: read as stored.
        await _handler.Handle<Light, Switch>(Stream, new Switch(false), default);
        await _handler.Load<Light, Switch>(Stream, default, settled: light => light.On);
        Assert.Equal(2, _store.Reads.Count);
    }

    private sealed record Switch(bool On, bool Strict = false);

    private sealed record Switched(bool On);

    private sealed record Light(bool On) : IDecider<Light, Switch>
    {
        public static Light Initial => new(false);
        public static Light Evolve(Light state, object @event) => @event is Switched s ? new Light(s.On) : state;
        public static IReadOnlyList<object> Decide(Switch command, Light state) =>
            command.On != state.On ? [new Switched(command.On)]
            : command.Strict ? throw new InvalidOperationException("It is " + (state.On ? "on" : "off") + " already.")
            : [];
    }
}
