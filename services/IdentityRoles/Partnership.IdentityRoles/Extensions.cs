using Partnership.EventSourcing.Marten;
using Partnership.EventSourcing.Marten.Hosting;
using Partnership.IdentityRoles.Access.Reading;
using Partnership.IdentityRoles.Access.Updating;
using Partnership.IdentityRoles.AccountManagement.PartnerStatus;
using Partnership.IdentityRoles.AccountManagement.Reading;
using Partnership.IdentityRoles.AccountManagement.Registering;
using Partnership.IdentityRoles.Api;
using Partnership.IdentityRoles.Domain;
using Partnership.IdentityRoles.Integration;
using Partnership.IdentityRoles.Provisioning;
using Partnership.IdentityRoles.Tokens;
using Partnership.ServiceDefaults.Authorization;

namespace Partnership.IdentityRoles;

public static class Extensions
{
    public const string ServiceName = "identity";

    public static WebApplicationBuilder AddIdentityRolesService(this WebApplicationBuilder builder)
    {
        builder.AddTokenIssuer();
        // Every read is by stream (an account's ID derives from its email), so no read model is needed.
        builder.AddEventSourcedService<IdentityIntegrationEvents>(ServiceName, IdentityEventTypes.Registry(), IdentityPolicy.Create());
        builder.Services.AddScoped<PartnerRolesEnded>();
        builder.Services.AddScoped<RegisterAccountHandler>();
        builder.Services.AddScoped<PartnerStatusHandler>();
        builder.Services.AddScoped<AccountQueries>();
        builder.Services.AddScoped<IPartnerDirectory>(s => s.GetRequiredService<AccountQueries>());
        builder.Services.AddScoped<AccessQueries>();
        builder.Services.AddScoped<UpdateAccessBindingsHandler>();
        return builder;
    }

    public static WebApplication MapIdentityRolesService(this WebApplication app)
    {
        app.MapGrpcService<AccountsService>();
        app.MapGrpcService<AccessBindingsService>();
        app.MapEventSourcedService();
        app.MapTokenIssuer();
        return app;
    }
}
