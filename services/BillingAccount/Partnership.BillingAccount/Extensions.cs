using Partnership.BillingAccount.Accounts.Opening;
using Partnership.BillingAccount.Accounts.Reading;
using Partnership.BillingAccount.Accounts.Switching;
using Partnership.BillingAccount.Api;
using Partnership.BillingAccount.Domain;
using Partnership.BillingAccount.Integration;
using Partnership.EventSourcing.Marten;
using Partnership.EventSourcing.Marten.ReadModels;
using Partnership.ServiceDefaults.Grpc;
using Partnership.ServiceDefaults.Messaging;

namespace Partnership.BillingAccount;

public static class Extensions
{
    public const string ServiceName = "billing";

    public static WebApplicationBuilder AddBillingAccountService(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<BillingOptions>(builder.Configuration.GetSection(BillingOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddGrpcDefaults();
        builder.AddEventStore(ServiceName, BillingAccountEventTypes.Registry(), o => o.Schema.For<BillingAccountView>()
                .Index(v => v.OwnerAccountId)
                .Index(v => v.CustomerAccountId))
            .AddCatchUpSubscriber<IntegrationEventForwarder>()
            .AddReadModel<BillingAccountViewProjector>();
        builder.Services.AddSingleton<IIntegrationEventMapper, BillingAccountIntegrationEvents>();
        builder.AddEventBus(ServiceName, bus =>
        {
            bus.AddConsumer<AccountRegisteredConsumer>();
            bus.AddConsumer<CustomerCreatedConsumer>();
        });
        builder.Services.AddScoped<SwitchToPaidConsumptionHandler>();
        builder.Services.AddScoped<BillingAccountQueries>();
        return builder;
    }

    public static WebApplication MapBillingAccountService(this WebApplication app)
    {
        app.MapGrpcService<BillingAccountsService>();
        app.MapReadModelOperations();
        return app;
    }
}
