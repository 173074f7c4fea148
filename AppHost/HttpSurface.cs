using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Partnership.AppHost;

internal static class HttpSurface
{
    /// <summary>
    /// What a service's HTTP ports open beyond its API. CORS: only the portal's origin (Portal:BaseUrl) may call from a
    /// browser, through gRPC-Web or JSON over HTTP. Reflection and Swagger UI: on only when the AppHost itself runs in
    /// Development (the services run as Production processes, where both are off), so grpcurl and the browsable API page
    /// work on a developer's machine and nowhere else; the dashboard links each service's Swagger UI. (The OpenAPI
    /// document, /openapi/v1.json on the same port, is always served.)
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithHttpSurface(this IResourceBuilder<ProjectResource> service,
        IDistributedApplicationBuilder builder)
    {
        if (Uri.TryCreate(builder.Configuration["Portal:BaseUrl"], UriKind.Absolute, out var portal))
            service.WithEnvironment("Cors__AllowedOrigins__0", portal.GetLeftPart(UriPartial.Authority));
        if (builder.Environment.IsDevelopment())
            service.WithEnvironment("Grpc__Reflection", "true")
                .WithEnvironment("OpenApi__Ui", "true")
                .WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/swagger", DisplayText = "Swagger UI (JSON over HTTP)" });
        return service;
    }
}
