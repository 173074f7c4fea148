namespace Partnership.Notification.Smtp;

/// <summary>
/// The threads SMTP exchanges run on, kept between mails. An exchange blocks its thread (MailKit's synchronous API, and
/// the hand-over's commit waited out inside it), so it must not take a pool thread; a thread of its own per mail cost a
/// thread's start and its stack's unmapping each time (about 1 % of the machine at 56 onboardings a second, measured
/// with perf). A thread starts when an exchange finds none idle, up to one per connection the pool may hold; the
/// pool's slots bound the exchanges in flight to that, so an exchange does not wait here for a thread. An idle thread
/// sleeps in Monitor.Wait: a BlockingCollection's semaphore spins (sched_yield) before it sleeps, about 26 system calls
/// per mail, measured.
/// </summary>
internal sealed class SmtpThreads(int max) : IDisposable
{
    private readonly Queue<Action> _work = new();
    private bool _closed;
    private readonly int _max = Math.Max(1, max);
    // Idle threads not yet claimed by an exchange; below zero, exchanges wait for a thread to finish (only past _max).
    private int _idle;
    private int _started;

    /// <summary>Runs <paramref name="exchange"/> on one of the threads; its result or exception completes the task.</summary>
    public Task<T> Run<T>(Func<T> exchange)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(() =>
        {
            T result = default!;
            Exception? failure = null;
            try
            {
                result = exchange();
            }
            catch (Exception e)
            {
                failure = e;
            }
            // Idle before the caller hears of it, so the caller's next exchange finds this thread instead of starting one.
            Interlocked.Increment(ref _idle);
            if (failure is null) done.SetResult(result);
            else done.SetException(failure);
        });
        if (Interlocked.Decrement(ref _idle) < 0 && Interlocked.Increment(ref _started) <= _max)
        {
            // The new thread is this exchange's: it counts itself idle only once it has run one.
            Interlocked.Increment(ref _idle);
            new Thread(Loop) { IsBackground = true, Name = "SMTP exchange" }.Start();
        }
        return done.Task;
    }

    /// <summary>Threads started so far.</summary>
    public int Started => Math.Min(Volatile.Read(ref _started), _max);

    private void Enqueue(Action exchange)
    {
        lock (_work)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _work.Enqueue(exchange);
            Monitor.Pulse(_work);
        }
    }

    private void Loop()
    {
        while (true)
        {
            Action exchange;
            lock (_work)
            {
                while (!_work.TryDequeue(out exchange!))
                {
                    if (_closed) return;
                    Monitor.Wait(_work);
                }
            }
            exchange();
        }
    }

    public void Dispose()
    {
        lock (_work)
        {
            _closed = true;
            Monitor.PulseAll(_work);
        }
    }
}
