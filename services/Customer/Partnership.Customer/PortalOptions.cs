namespace Partnership.Customer;

/// <summary>Where the partner portal lives and what the cloud is called: configuration, not code.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";
    public string BaseUrl { get; set; } = "https://partners.cloud.yandex.ru";
    public string CloudName { get; set; } = "Yandex Cloud";
}
