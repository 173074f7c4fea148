using Microsoft.Extensions.Options;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten;
using Partnership.EventSourcing.Marten.Hosting;
using Partnership.EventSourcing.Marten.ReadModels;
using Partnership.Notification.Api;
using Partnership.Notification.Delivering.Reading;
using Partnership.Notification.Delivering.Resuming;
using Partnership.Notification.Delivering.Sending;
using Partnership.Notification.Delivering.Sweeping;
using Partnership.Notification.Domain;
using Partnership.Notification.Integration;
using Partnership.Notification.Smtp;

namespace Partnership.Notification;

public static class Extensions
{
    public const string ServiceName = "notification";

    public static WebApplicationBuilder AddNotificationService(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
        builder.Services.AddOptions<NotificationOptions>()
            .Bind(builder.Configuration.GetSection(NotificationOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        // Read when first needed (not now), so configuration added after this call still counts.
        builder.Services.AddOptions<SmtpOptions>()
            .Configure<IConfiguration>((smtp, config) =>
            {
                (smtp.Host, smtp.Port) = SmtpOptions.ParseConnectionString(config.GetConnectionString(SmtpOptions.ConnectionStringName));
                var section = config.GetSection(NotificationOptions.Section);
                var defaults = new NotificationOptions();
                smtp.Timeout = section.GetValue(nameof(NotificationOptions.SmtpTimeout), defaults.SmtpTimeout);
                smtp.Connections = section.GetValue(nameof(NotificationOptions.SmtpConnections), defaults.SmtpConnections);
                smtp.ConnectionLifetime = section.GetValue(nameof(NotificationOptions.SmtpConnectionLifetime), defaults.SmtpConnectionLifetime);
            })
            .ValidateOnStart();
        builder.AddEventSourcedService<NotificationIntegrationEvents>(ServiceName, ConfirmationEmailEventTypes.Registry(), NotificationPolicy.Create(),
            // The resumer (every ResumePeriod) and ListDeliveries filter deliveries by state: indexed, a round reads what
            // is due, not every delivery ever made.
            o => o.Schema.For<DeliveryView>().Index(v => v.State).Index(v => v.CustomerId))
            .AddReadModel<DeliveryViewProjection>();
        builder.Services.AddSingleton<SmtpEmailSender>();
        builder.Services.AddHealthChecks().AddCheck<SmtpHealthCheck>("smtp", tags: ["ready"]);
        builder.Services.AddSingleton(sp => new AcceptedMailJournal(
            sp.GetRequiredService<IOptions<NotificationOptions>>().Value.AcceptedMailJournal
                ?? AcceptedMailJournal.DefaultDirectory(sp.GetRequiredService<IConfiguration>().GetConnectionString("postgres")),
            SendConfirmationEmailHandler.SenderName, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddScoped<SendConfirmationEmailHandler>();
        builder.Services.AddScoped<DeliveryQueries>();
        builder.Services.AddHostedService<UnknownDeliverySweeper>();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NotificationOptions>>().Value;
            return new ResumeCadence(options.ResumePeriod, options.ResumeIdlePeriod, sp.GetRequiredService<TimeProvider>());
        });
        // Every commit of this process (an intent, a retry scheduled) wakes a quiet resumer.
        builder.Services.AddSingleton<ICommitListener>(sp => sp.GetRequiredService<ResumeCadence>());
        builder.Services.AddHostedService<PendingDeliveryResumer>();
        return builder;
    }

    public static WebApplication MapNotificationService(this WebApplication app)
    {
        app.MapGrpcService<ConfirmationEmailsService>();
        app.MapEventSourcedService();
        return app;
    }
}

/// <summary>Says exactly what is wrong, at start.</summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
