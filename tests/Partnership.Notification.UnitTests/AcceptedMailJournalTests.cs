using Partnership.Notification.Delivering.Sending;

namespace Partnership.Notification.UnitTests;

public sealed class AcceptedMailJournalTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "accepted-mail-tests", Guid.NewGuid().ToString("N"));
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 1, TimeSpan.Zero);

    [Fact]
    public void What_one_process_noted_is_read_by_another_sharing_the_directory()
    {
        using (var dead = new AcceptedMailJournal(_directory, "host/1", _clock))
        {
            dead.Accepted("cst1", 1, At);
            dead.Accepted("cst2", 1, At);
            dead.Accepted("cst2", 2, At.AddMinutes(1));
        }
        using var other = new AcceptedMailJournal(_directory, "host/2", _clock);
        other.Accepted("cst3", 1, At);

        var accepted = other.Read();
        Assert.Equal((1, At), accepted["cst1"]);
        Assert.Equal((2, At.AddMinutes(1)), accepted["cst2"]);
        Assert.Equal((1, At), accepted["cst3"]);
        Assert.Equal(2, Directory.GetFiles(_directory, "*" + AcceptedMailJournal.Extension).Length);
    }

    [Fact]
    public void A_line_torn_by_a_crash_is_skipped_and_the_rest_is_read()
    {
        using (var journal = new AcceptedMailJournal(_directory, "host/1", _clock)) journal.Accepted("cst1", 1, At);
        var file = Directory.GetFiles(_directory).Single();
        File.AppendAllText(file, "cst2\t1\t2026-12-03T1");

        var accepted = new AcceptedMailJournal(_directory, "host/2", _clock).Read();
        Assert.Equal(["cst1"], accepted.Keys);
    }

    [Fact]
    public async Task A_quiet_file_goes_once_none_of_its_emails_is_undecided_and_the_current_file_stays()
    {
        using (var dead = new AcceptedMailJournal(_directory, "host/1", _clock)) dead.Accepted("cst1", 1, At);
        var deadFile = Directory.GetFiles(_directory).Single();
        File.SetLastWriteTimeUtc(deadFile, _clock.GetUtcNow().UtcDateTime.AddMinutes(-10));
        using var live = new AcceptedMailJournal(_directory, "host/2", _clock);
        live.Accepted("cst2", 1, At);
        var liveFile = Directory.GetFiles(_directory).Single(f => f != deadFile);
        File.SetLastWriteTimeUtc(liveFile, _clock.GetUtcNow().UtcDateTime.AddMinutes(-10));

        Assert.Equal(0, await live.Prune(TimeSpan.FromMinutes(4), keys => Task.FromResult(keys.Contains("cst1"))));
        Assert.True(File.Exists(deadFile));

        Assert.Equal(1, await live.Prune(TimeSpan.FromMinutes(4), _ => Task.FromResult(false)));
        Assert.False(File.Exists(deadFile));
        Assert.True(File.Exists(liveFile));
        Assert.Equal(["cst2"], live.Read().Keys);
    }

    [Fact]
    public void Each_hour_starts_a_new_file()
    {
        using var journal = new AcceptedMailJournal(_directory, "host/1", _clock);
        journal.Accepted("cst1", 1, At);
        _clock.Now = _clock.Now.AddHours(1);
        journal.Accepted("cst2", 1, At);
        Assert.Equal(2, Directory.GetFiles(_directory).Length);
        Assert.Equal(2, journal.Read().Count);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
