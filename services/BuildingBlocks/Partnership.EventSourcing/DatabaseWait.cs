using Microsoft.Extensions.Logging;

namespace Partnership.EventSourcing;

/// <summary>Start-up work that needs the database waits for it, with growing pauses, instead of failing the start.</summary>
public static class DatabaseWait
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(15);

    public static async Task<T> Until<T>(Func<CancellationToken, Task<T>> work, ILogger logger, string what, CancellationToken ct)
    {
        var pause = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning("Could not {What} (attempt {Attempt}): {Error}; trying again in {Pause}", what, attempt, e.Message, pause);
                await Task.Delay(pause, ct);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }
}
