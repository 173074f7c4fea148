using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Authorization;

namespace Partnership.Messaging.CatchUp;

public static class CatchUpExtensions
{
    /// <summary>
    /// IntegrationEvents.Subscribe for the exchanges <paramref name="service"/> owns, read from its own store through its
    /// <see cref="IIntegrationEventMapper"/>, the one its publisher uses.
    /// </summary>
    public static IHostApplicationBuilder AddIntegrationEventCatchUp(this IHostApplicationBuilder builder, string service)
    {
        builder.Services.AddOptions<CatchUpOptions>().BindConfiguration(CatchUpOptions.Section);
        builder.Services.AddSingleton<ISubscriberClients, ConfiguredSubscriberClients>();
        builder.Services.AddSingleton(new CatchUpSource(service, IntegrationEventPublishers.ExchangesOf(service).ToList()));
        builder.Services.AddSingleton<CommitPulse>();
        builder.Services.AddSingleton<ICommitListener>(sp => sp.GetRequiredService<CommitPulse>());
        builder.Services.AddSingleton<IntegrationEventCatchUp>();
        return builder;
    }

    public static IEndpointRouteBuilder MapIntegrationEvents(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<IntegrationEventsService>();
        return app;
    }

    /// <summary>The Subscribe rule every service's policy carries.</summary>
    public static CallerPolicy IntegrationEvents(this CallerPolicy policy) => policy.Rpc(
        Contracts.Events.V1.IntegrationEvents.Descriptor, "Subscribe", Caller.OperatorOrSubscriber,
        "operators and the subscriber clients named in the service's Events:Subscribers");
}

/// <summary>The caller policy's subscriber clients: the service's own Events:Subscribers.</summary>
internal sealed class ConfiguredSubscriberClients(IOptions<CatchUpOptions> options) : ISubscriberClients
{
    public bool Contains(string accountId) => options.Value.Subscribers.Contains(accountId, StringComparer.Ordinal);
}
