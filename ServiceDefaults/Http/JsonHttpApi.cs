using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi.Models;

namespace Partnership.ServiceDefaults.Http;

/// <summary>
/// Every RPC also as JSON over HTTP (gRPC JSON transcoding of the google.api.http routes in the protos), on every port
/// of the service: the HTTP/1.1 one (curl, browsers, fetch) and the h2c one. The call goes through the same gRPC
/// pipeline: the same token check, caller policy, input guard, rate limits and error mapping; a refusal is the HTTP
/// status of its gRPC code with the google.rpc.Status as the JSON body (ErrorInfo, BadRequest included). Each service
/// serves its OpenAPI document at <see cref="DocumentPath"/>, and Swagger UI at <see cref="UiPath"/> where
/// <see cref="UiEnabled"/> says so.
/// </summary>
public static class JsonHttpApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string UiPath = "/swagger";
    public const string UiKey = "OpenApi:Ui";

    /// <summary>The message types a status's details may hold: a JSON body names them by type URL.</summary>
    public static readonly TypeRegistry ErrorDetailTypes = TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor);

    public static IGrpcServerBuilder AddJsonHttpApi(this IGrpcServerBuilder grpc, IHostApplicationBuilder builder)
    {
        grpc.AddJsonTranscoding(o => o.TypeRegistry = ErrorDetailTypes);
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = Title(builder.Environment),
                Version = DocumentName,
                Description = "JSON over HTTP for every RPC of this service (gRPC JSON transcoding; the gRPC API is the same "
                    + "on the service's HTTP/2 port). Every call needs `Authorization: Bearer <token>`, a token from Identity/Roles' "
                    + "`/connect/token`. A refusal is the HTTP status of its gRPC code with a `google.rpc.Status` body "
                    + "{code, message, details}: an ErrorInfo (reason, domain partnership.cloud.yandex.ru) and, for a field "
                    + "at fault, a BadRequest naming it.",
            });
            // The proto comments, as protoc wrote them into the contracts' XML documentation.
            var comments = Path.Combine(AppContext.BaseDirectory, "Partnership.Contracts.xml");
            if (File.Exists(comments))
            {
                o.IncludeXmlComments(comments);
                o.IncludeGrpcXmlComments(comments, includeControllerXmlComments: true);
            }
            var bearer = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "A token from Identity/Roles (POST /connect/token on its HTTP port).",
                Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "bearer" },
            };
            o.AddSecurityDefinition("bearer", bearer);
            o.AddSecurityRequirement(new OpenApiSecurityRequirement { [bearer] = [] });
        });
        return grpc;
    }

    /// <summary>
    /// The OpenAPI document (always), Swagger UI (where enabled), and the HTTP side of JSON refusals
    /// (<see cref="JsonRefusalDetails"/>).
    /// </summary>
    public static WebApplication UseJsonHttpApi(this WebApplication app)
    {
        app.UseMiddleware<JsonRefusalDetails>();
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        if (UiEnabled(app.Configuration, app.Environment))
            app.UseSwaggerUI(o =>
            {
                o.RoutePrefix = UiPath.TrimStart('/');
                o.SwaggerEndpoint(DocumentPath, Title(app.Environment));
                o.DocumentTitle = Title(app.Environment);
            });
        return app;
    }

    /// <summary>
    /// Swagger UI lists every call and lets a visitor try them: for development tools, as reflection is. On when
    /// OpenApi:Ui is true; unset, in the Development environment only. The document itself is always served.
    /// </summary>
    public static bool UiEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(UiKey) ?? environment.IsDevelopment();

    // "Partnership.Customer" -> "Partnership Customer API".
    private static string Title(IHostEnvironment environment) =>
        environment.ApplicationName.Replace('.', ' ') + " API";
}
