namespace Partnership.Notification.Smtp;

/// <summary>The outcome of the last attempt to get a connected SMTP client; null reason = reached.</summary>
public sealed class SmtpReachability
{
    private volatile string? _missedBecause;

    public string? MissedBecause => _missedBecause;

    public void Reached() => _missedBecause = null;

    public void Missed(string reason) => _missedBecause = reason;
}
