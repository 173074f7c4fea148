using Microsoft.Extensions.Configuration;

namespace Partnership.AppHost;

internal static class PortalOrigin
{
    /// <summary>
    /// Lets the portal's pages (Portal:BaseUrl) call the service from a browser through gRPC-Web: the service's CORS
    /// allows only configured origins, and without this none.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPortalOrigin(this IResourceBuilder<ProjectResource> service,
        IConfiguration configuration) =>
        Uri.TryCreate(configuration["Portal:BaseUrl"], UriKind.Absolute, out var portal)
            ? service.WithEnvironment("Cors__AllowedOrigins__0", portal.GetLeftPart(UriPartial.Authority))
            : service;
}
