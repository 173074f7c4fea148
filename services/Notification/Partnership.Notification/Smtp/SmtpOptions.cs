namespace Partnership.Notification.Smtp;

/// <summary>
/// Where and how the SMTP sender connects. In the service it comes from the connection string
/// <c>ConnectionStrings:smtp</c> ("smtp://host:port"), <c>Notification:SmtpTimeout</c> and <c>Notification:SmtpConnections</c>.
/// </summary>
public sealed class SmtpOptions
{
    public const string ConnectionStringName = "smtp";
    public const string DefaultConnectionString = "smtp://127.0.0.1:2525";

    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 2525;

    /// <summary>
    /// Getting a connected client (connect attempts with their backoff) ends within this, and so does handing one mail
    /// over once its hand-over is recorded.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Connect (and EHLO) attempts within one delivery attempt; nothing is handed over before.</summary>
    public int ConnectAttempts { get; set; } = 4;

    /// <summary>The first backoff between connect attempts; it doubles each time.</summary>
    public TimeSpan ConnectBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>SMTP connections kept open and re-used for several messages; also how many mails are handed over at once.</summary>
    public int Connections { get; set; } = NotificationOptions.DefaultSmtpConnections;

    /// <summary>
    /// A kept connection older than this is closed instead of carrying another mail. Some servers end a session after a
    /// set time whatever it is doing, and a session cut after DATA leaves its mail UNKNOWN; starting each transaction on
    /// a connection younger than the server's limit keeps that from happening.
    /// </summary>
    public TimeSpan ConnectionLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Reads "smtp://host:port" (an Aspire-style "Endpoint=smtp://host:port" is accepted too).</summary>
    public static (string Host, int Port) ParseConnectionString(string? connectionString)
    {
        var text = string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString.Trim();
        const string endpointKey = "Endpoint=";
        if (text.StartsWith(endpointKey, StringComparison.OrdinalIgnoreCase)) text = text[endpointKey.Length..].Split(';')[0].Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "smtp" || string.IsNullOrEmpty(uri.Host))
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} must be of the form smtp://host:port, not '{connectionString}'.");
        return (uri.Host, uri.Port > 0 ? uri.Port : 25);
    }
}
