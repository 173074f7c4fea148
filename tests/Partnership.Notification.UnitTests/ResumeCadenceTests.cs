using Microsoft.Extensions.Time.Testing;
using Partnership.EventSourcing;
using Partnership.Notification.Delivering.Resuming;

namespace Partnership.Notification.UnitTests;

/// <summary>The resumer looks every second while anything may be owed, rarely while quiet, and at once after a commit here.</summary>
public sealed class ResumeCadenceTests
{
    private static readonly TimeSpan Active = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task After_start_a_round_comes_every_active_period()
    {
        var cadence = new ResumeCadence(Active, Idle, _clock);
        var wait = cadence.WaitForNextRound(CancellationToken.None);
        _clock.Advance(Active - TimeSpan.FromMilliseconds(1));
        Assert.False(wait.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await wait);
    }

    [Fact]
    public async Task Quiet_it_waits_the_idle_period_and_a_commit_here_ends_the_wait_at_once()
    {
        var cadence = new ResumeCadence(Active, Idle, _clock);
        _clock.Advance(ResumeCadence.QuietAfter);
        Assert.True(cadence.Quiet);

        var wait = cadence.WaitForNextRound(CancellationToken.None);
        _clock.Advance(Idle - TimeSpan.FromMilliseconds(1));
        Assert.False(wait.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await wait);

        wait = cadence.WaitForNextRound(CancellationToken.None);
        _clock.Advance(Active);
        Assert.False(wait.IsCompleted);
        cadence.Committed([]);
        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(5)));
        // The commit may not be in the read model yet: rounds are frequent again for a while.
        Assert.False(cadence.Quiet);
        _clock.Advance(ResumeCadence.QuietAfter);
        Assert.True(cadence.Quiet);
    }

    [Fact]
    public async Task A_round_that_finds_an_email_pending_keeps_the_rounds_frequent()
    {
        var cadence = new ResumeCadence(Active, Idle, _clock);
        for (var i = 0; i < 20; i++)
        {
            cadence.Active();
            var wait = cadence.WaitForNextRound(CancellationToken.None);
            _clock.Advance(Active);
            Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(5)));
        }
        Assert.False(cadence.Quiet);
    }

    [Fact]
    public async Task Stopping_ends_the_wait_with_false()
    {
        var cadence = new ResumeCadence(Active, Idle, _clock);
        _clock.Advance(ResumeCadence.QuietAfter);
        using var stop = new CancellationTokenSource();
        var wait = cadence.WaitForNextRound(stop.Token);
        await stop.CancelAsync();
        Assert.False(await wait.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
