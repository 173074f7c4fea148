namespace Partnership.Notification.Domain;

/// <summary>
/// How long and how often an email that certainly did not go is tried again: the delay starts at
/// <paramref name="FirstDelay"/> and doubles up to <paramref name="MaxDelay"/>; <paramref name="RetryFor"/> after the
/// intent the email is given up as FAILED.
/// </summary>
public sealed record RetryPolicy(TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan RetryFor)
{
    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failed attempt (1 for the first).</summary>
    public TimeSpan DelayAfter(int failedAttempts)
    {
        // Doubling past ~40 steps overflows; the cap is reached long before.
        var exponent = Math.Clamp(failedAttempts - 1, 0, 40);
        var ticks = FirstDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
