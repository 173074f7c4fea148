using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.CustomerService.Api;
using Partnership.CustomerService.Clouds;
using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Integration;
using Partnership.CustomerService.Learning;
using Partnership.CustomerService.Onboarding.Confirming;
using Partnership.CustomerService.Onboarding.Creating;
using Partnership.CustomerService.Onboarding.Ending;
using Partnership.CustomerService.Onboarding.Expiring;
using Partnership.CustomerService.Onboarding.Provisioning;
using Partnership.CustomerService.Onboarding.Reading;
using Partnership.CustomerService.Onboarding.Suspending;
using Partnership.EventSourcing.Marten;
using Partnership.EventSourcing.Marten.Hosting;
using Partnership.EventSourcing.Marten.ReadModels;
using Partnership.ServiceDefaults;
using Partnership.ServiceDefaults.Authentication;
using Partnership.ServiceDefaults.Authorization;

namespace Partnership.CustomerService;

public static class Extensions
{
    public const string ServiceName = "customer";

    public static WebApplicationBuilder AddCustomerService(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
        builder.Services.Configure<CustomerWatchOptions>(builder.Configuration.GetSection(CustomerWatchOptions.Section));
        builder.Services.Configure<InvitationExpiryOptions>(builder.Configuration.GetSection(InvitationExpiryOptions.Section));
        builder.Services.AddHostedService<InvitationExpirySweeper>();
        builder.AddEventSourcedService<CustomerIntegrationEvents>(ServiceName, CustomerEventTypes.Registry(), CustomerPolicy.Create(),
            // ListCustomers reads a partner's records; the expiry sweep the oldest open invitations.
            o => o.Schema.For<CustomerView>().Index(v => v.PartnerAccountId).Index(v => v.InvitedAt))
            .AddReadModel<CustomerViewProjection>();
        // WatchCustomer is woken by a commit on any replica: only customer records are followed.
        builder.AddStreamChangeFeed(ServiceName, CustomerIds.IsRecordStream);
        builder.Services.AddGrpcClient<Accounts.AccountsClient>(o => o.Address = new Uri("http://_grpc.identity")).ForwardCallerToken();
        builder.Services.AddGrpcClient<BillingAccounts.BillingAccountsClient>(o => o.Address = new Uri("http://_grpc.billing")).ForwardCallerToken();
        builder.Services.AddScoped<LearnedFacts>();
        builder.Services.AddScoped<IdentityPartnerDirectory>();
        builder.Services.AddScoped<IPartnerDirectory, LearnedPartnerDirectory>();
        builder.Services.AddScoped<CreateCustomerHandler>();
        builder.Services.AddScoped<InviteAnswerHandler>();
        builder.Services.AddScoped<EndPartnershipHandler>();
        builder.Services.AddScoped<SuspensionHandler>();
        builder.Services.AddScoped<ReinviteHandler>();
        builder.Services.AddScoped<SubaccountClouds>();
        builder.Services.AddScoped<CustomerQueries>();
        builder.Services.AddScoped<CustomerWatch>();
        return builder;
    }

    public static WebApplication MapCustomerService(this WebApplication app)
    {
        app.MapGrpcService<CustomersService>();
        app.MapEventSourcedService();
        return app;
    }
}
