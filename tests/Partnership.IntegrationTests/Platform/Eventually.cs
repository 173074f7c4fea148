namespace Partnership.IntegrationTests.Platform;

/// <summary>Polls a condition until it holds (events propagate asynchronously); never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what ?? "a condition"}; last value: {value}");
            await Task.Delay(50);
        }
    }

    public static Task True(Func<bool> condition, TimeSpan? timeout = null, string? what = null) =>
        Get(() => Task.FromResult(condition()), x => x, timeout, what);
}
