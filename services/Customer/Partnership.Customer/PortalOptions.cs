namespace Partnership.CustomerService;

/// <summary>Where the partner portal lives (invite links point there): configuration, not code.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";
    public string BaseUrl { get; set; } = "https://partners.cloud.yandex.ru";
}
