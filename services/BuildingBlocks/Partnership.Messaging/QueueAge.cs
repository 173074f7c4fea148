using System.Collections.Concurrent;
using MassTransit;

namespace Partnership.Messaging;

/// <summary>
/// How long the oldest ready message of a receive queue has waited, as an upper bound the service can know without
/// peeking at the queue: the queue is first in, first out, so its head was sent after the last message consumed from it
/// and after the last time the queue was seen empty. While consumers keep up this stays near zero; while they are
/// stuck it grows with the wait (the gauge partnership.messaging.queue.oldest_age, beside the depth).
/// </summary>
public static class QueueAge
{
    private static readonly ConcurrentDictionary<string, DateTime> LastConsumedSent = new();
    private static readonly ConcurrentDictionary<string, DateTime> LastSeenEmpty = new();
    private static readonly DateTime Started = DateTime.UtcNow;

    /// <summary>The bound for one queue: zero when it holds nothing ready.</summary>
    public static TimeSpan Estimate(long readyMessages, DateTime? lastConsumedSent, DateTime? lastSeenEmpty, DateTime since, DateTime now)
    {
        if (readyMessages <= 0) return TimeSpan.Zero;
        var headSentAfter = new[] { lastConsumedSent ?? DateTime.MinValue, lastSeenEmpty ?? DateTime.MinValue, since }.Max();
        return headSentAfter >= now ? TimeSpan.Zero : now - headSentAfter;
    }

    internal static void Consumed(string queue, DateTime sent) =>
        LastConsumedSent.AddOrUpdate(queue, sent, (_, earlier) => sent > earlier ? sent : earlier);

    internal static void Depth(string queue, long ready, DateTime now)
    {
        if (ready == 0) LastSeenEmpty[queue] = now;
    }

    internal static TimeSpan Of(string queue, long ready, DateTime now) =>
        Estimate(ready, LastConsumedSent.TryGetValue(queue, out var sent) ? sent : null,
            LastSeenEmpty.TryGetValue(queue, out var empty) ? empty : null, Started, now);

    /// <summary>
    /// Notes each consumed message's send time against the queue it came from, and that this process took one from that
    /// queue (<see cref="ReceiveProgress"/>) as soon as it reaches a consumer, and until when it was in one.
    /// </summary>
    internal sealed class Observer(ReceiveProgress progress) : IConsumeObserver
    {
        public Task PreConsume<T>(ConsumeContext<T> context) where T : class
        {
            progress.Began(ReceiveProgress.QueueOf(context));
            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Note(context);

        // A message that failed was taken off the queue too (it waits for redelivery elsewhere): the queue moved on.
        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Note(context);

        private Task Note(ConsumeContext context)
        {
            var queue = ReceiveProgress.QueueOf(context);
            progress.Ended(queue);
            if (context.ReceiveContext.InputAddress is not null) Consumed(queue, context.SentTime ?? DateTime.UtcNow);
            return Task.CompletedTask;
        }
    }
}
