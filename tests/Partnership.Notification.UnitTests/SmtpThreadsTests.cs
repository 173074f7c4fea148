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

    [Fact]
    public async Task Waiting_on_an_exchange_thread_returns_what_the_task_completes_with_later()
    {
        using var threads = new SmtpThreads(1);
        var commit = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = new ManualResetEventSlim();
        var exchange = threads.Run(() =>
        {
            waiting.Set();
            return SmtpThreads.Wait(commit.Task);
        });
        Assert.True(waiting.Wait(TimeSpan.FromSeconds(10)));
        await Task.Delay(50);
        Assert.False(exchange.IsCompleted);

        commit.SetResult(true);

        Assert.True(await exchange.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Waiting_throws_the_tasks_own_exception_not_an_aggregate()
    {
        using var threads = new SmtpThreads(1);
        var commit = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var canceled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failing = threads.Run(() => SmtpThreads.Wait(commit.Task));
        var cancelling = threads.Run(() => SmtpThreads.Wait(canceled.Task));

        commit.SetException(new InvalidOperationException("the append failed"));
        canceled.SetCanceled();

        Assert.Equal("the append failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelling);
        Assert.Equal(3, SmtpThreads.Wait(Task.FromResult(3)));
    }
}
