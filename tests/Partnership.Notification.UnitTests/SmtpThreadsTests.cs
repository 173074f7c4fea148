using Partnership.Notification.Smtp;

namespace Partnership.Notification.UnitTests;

/// <summary>The threads SMTP exchanges block on: kept between mails, one more only when none is idle.</summary>
public class SmtpThreadsTests
{
    [Fact]
    public async Task Exchanges_one_after_another_run_on_one_kept_thread_that_is_not_a_pool_thread()
    {
        using var threads = new SmtpThreads(16);
        var ran = new List<(int Thread, bool Pool)>();
        for (var i = 0; i < 10; i++)
            ran.Add(await threads.Run(() => (Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread)));

        Assert.Single(ran.Distinct());
        Assert.False(ran[0].Pool);
        Assert.Equal(1, threads.Started);
    }

    [Fact]
    public async Task Exchanges_in_flight_at_once_each_get_a_thread_up_to_the_limit()
    {
        using var threads = new SmtpThreads(4);
        using var all = new CountdownEvent(4);
        // Each exchange blocks until all four are running at once: one waiting for a thread would never let them finish.
        var running = Enumerable.Range(0, 4).Select(_ => threads.Run(() =>
        {
            all.Signal();
            return all.Wait(TimeSpan.FromSeconds(10));
        })).ToList();

        Assert.All(await Task.WhenAll(running), Assert.True);
        Assert.Equal(4, threads.Started);
        // Idle again: the next exchanges take the kept threads.
        for (var i = 0; i < 8; i++) await threads.Run(() => 0);
        Assert.Equal(4, threads.Started);
    }

    [Fact]
    public async Task An_exchange_that_throws_fails_its_task_and_the_thread_goes_on()
    {
        using var threads = new SmtpThreads(2);

        await Assert.ThrowsAsync<InvalidOperationException>(() => threads.Run<int>(() => throw new InvalidOperationException("broken")));
        Assert.Equal(7, await threads.Run(() => 7));
        Assert.Equal(1, threads.Started);
    }
}
