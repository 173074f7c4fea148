using Partnership.Messaging;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// The rule: an _error queue found missing is not asked for at every read (each ask costs the broker a closed channel
/// and an error in its log), only again when this process parks into it or at every n-th read.
/// </summary>
public sealed class ErrorQueueLookupsTests
{
    private static readonly IReadOnlyList<string> Queues = ["a", "b", "c"];

    [Fact]
    public void A_missing_error_queue_is_asked_for_again_only_every_nth_read()
    {
        var lookups = new ErrorQueueLookups(recheckEvery: 3);
        Assert.Equal(Queues, lookups.ToRead(Queues));
        lookups.Read(new Dictionary<string, long?> { ["a"] = null, ["b"] = 2, ["c"] = null });

        Assert.Equal(["b"], lookups.ToRead(Queues));
        lookups.Read(new Dictionary<string, long?> { ["b"] = 0 });
        Assert.Equal(["b"], lookups.ToRead(Queues));
        lookups.Read(new Dictionary<string, long?> { ["b"] = 0 });

        // The third read after the first looks at every queue again: another replica may have parked one.
        Assert.Equal(Queues, lookups.ToRead(Queues));
        lookups.Read(new Dictionary<string, long?> { ["a"] = 1, ["b"] = 0, ["c"] = null });
        Assert.Equal(["a", "b"], lookups.ToRead(Queues));
    }

    [Fact]
    public void Parking_into_a_missing_error_queue_gets_it_read_at_the_next_read()
    {
        var lookups = new ErrorQueueLookups(recheckEvery: 10);
        lookups.ToRead(Queues);
        lookups.Read(new Dictionary<string, long?> { ["a"] = null, ["b"] = null, ["c"] = null });
        Assert.Empty(lookups.ToRead(Queues));

        lookups.Parked("b");
        Assert.Equal(["b"], lookups.ToRead(Queues));
        lookups.Read(new Dictionary<string, long?> { ["b"] = 1 });
        Assert.Equal(["b"], lookups.ToRead(Queues));
    }

    [Fact]
    public void A_queue_that_disappears_is_treated_as_missing()
    {
        var lookups = new ErrorQueueLookups(recheckEvery: 10);
        lookups.ToRead(Queues);
        lookups.Read(new Dictionary<string, long?> { ["a"] = 4, ["b"] = 0, ["c"] = 0 });
        Assert.Equal(Queues, lookups.ToRead(Queues));
        lookups.Read(new Dictionary<string, long?> { ["a"] = null, ["b"] = 0, ["c"] = 0 });
        Assert.Equal(["b", "c"], lookups.ToRead(Queues));
    }
}
