using Partnership.BillingAccount.Accounts.Activating;
using Partnership.BillingAccount.Accounts.Charging;
using Partnership.BillingAccount.Accounts.Paying;
using Partnership.BillingAccount.Accounts.Reading;
using Partnership.BillingAccount.Accounts.Switching;
using Partnership.BillingAccount.Api;
using Partnership.BillingAccount.Clouds.Binding;
using Partnership.BillingAccount.Clouds.Creating;
using Partnership.BillingAccount.Clouds.Linkability;
using Partnership.BillingAccount.Clouds.Linking;
using Partnership.BillingAccount.Clouds.Reading;
using Partnership.BillingAccount.Domain;
using Partnership.BillingAccount.Integration;
using Partnership.BillingAccount.LearnedAccess.Reading;
using Partnership.Contracts.Identity.V1;
using Partnership.EventSourcing.Marten;
using Partnership.EventSourcing.Marten.Hosting;
using Partnership.EventSourcing.Marten.ReadModels;
using Partnership.ServiceDefaults.Authentication;
using Partnership.ServiceDefaults.Authorization;

namespace Partnership.BillingAccount;

public static class Extensions
{
    public const string ServiceName = "billing";

    public static WebApplicationBuilder AddBillingAccountService(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<BillingOptions>(builder.Configuration.GetSection(BillingOptions.Section));
        builder.Services.Configure<LinkingOptions>(builder.Configuration.GetSection(LinkingOptions.Section));
        builder.AddEventSourcedService<BillingAccountIntegrationEvents>(ServiceName, BillingAccountEventTypes.Registry(), BillingPolicy.Create(), o =>
            {
                o.Schema.For<BillingAccountView>().Index(v => v.OwnerAccountId).Index(v => v.CustomerAccountId);
                o.Schema.For<CloudView>().Index(v => v.CreatorAccountId).Index(v => v.BillingAccountId);
                o.Schema.For<LearnedRolesView>().Index(v => v.SubjectAccountId);
            })
            .AddCatchUpSubscriber<CloudBindingsSubscriber>()
            .AddCatchUpSubscriber<ChargeAccrualsSubscriber>()
            .AddReadModel<BillingAccountViewProjection>()
            .AddReadModel<CloudViewProjection>()
            .AddReadModel<LearnedRolesViewProjection>();
        // Linking asks Identity/Roles with the caller's own token: it may ask about itself, and no key of ours opens more.
        builder.Services.AddGrpcClient<AccessBindings.AccessBindingsClient>(o => o.Address = new Uri("http://_grpc.identity")).ForwardCallerToken();
        builder.Services.AddGrpcClient<Partnership.Contracts.Identity.V1.Accounts.AccountsClient>(o => o.Address = new Uri("http://_grpc.identity")).ForwardCallerToken();
        builder.Services.AddScoped<IPartnerDirectory, IdentityPartnerDirectory>();
        builder.Services.AddScoped<IAccessCheck, IdentityAccessCheck>();
        builder.Services.AddScoped<ISubaccountStatus, SubaccountStatus>();
        builder.Services.AddSingleton<CloudBindings>();
        builder.Services.AddScoped<SwitchToPaidConsumptionHandler>();
        builder.Services.AddScoped<BillingAccountQueries>();
        builder.Services.AddScoped<CreateCloudHandler>();
        builder.Services.AddScoped<LinkCloudHandler>();
        builder.Services.AddScoped<RecordChargeHandler>();
        builder.Services.AddScoped<ChargeAccruals>();
        builder.Services.AddScoped<PayOutstandingHandler>();
        builder.Services.AddScoped<CloudQueries>();
        builder.Services.AddScoped<LinkabilityQueries>();
        return builder;
    }

    public static WebApplication MapBillingAccountService(this WebApplication app)
    {
        app.MapGrpcService<BillingAccountsService>();
        app.MapGrpcService<CloudsService>();
        app.MapEventSourcedService();
        return app;
    }
}
