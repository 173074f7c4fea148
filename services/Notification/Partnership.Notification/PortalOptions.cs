namespace Partnership.Notification;

/// <summary>What the cloud is called in the email: configuration, not code.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";
    public string CloudName { get; set; } = "Yandex Cloud";
}
