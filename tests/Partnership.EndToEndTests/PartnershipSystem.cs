using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Partnership.Testing;

namespace Partnership.EndToEndTests;

/// <summary>
/// The whole system as the AppHost runs it (start-up shared with the benchmark in <see cref="SystemUnderTest"/>),
/// with the settings that keep the suite quick.
/// </summary>
public class PartnershipSystem() : SystemUnderTest(typeof(Projects.Partnership_AppHost), "e2e"), IAsyncLifetime
{
    public Account Operator { get; private set; } = null!;

    /// <summary>A subscriber client the Customer service names in Events:Subscribers (and no other service does).</summary>
    public const string SubscriberClientId = "ajesubscriber0000000";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Operator = new Account(OperatorId, OperatorEmail, OperatorToken);
    }

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        // Short enough for a test to see a stalled delivery declared unknown.
        builder.CreateResourceBuilder<ProjectResource>("notification")
            .WithEnvironment("Notification__UnknownAfter", "00:00:08")
            .WithEnvironment("Notification__SmtpTimeout", "00:00:04");
        // Short enough that refusals before a confirmation do not slow the suite.
        builder.CreateResourceBuilder<ProjectResource>("billing").WithEnvironment("Billing__ActivationWait", "00:00:03");
        builder.CreateResourceBuilder<ProjectResource>("customer").WithEnvironment("Events__Subscribers__0", SubscriberClientId);
    }
}

public sealed record Account(string Id, string Email, string Token)
{
    public Metadata Auth => new() { { "Authorization", "Bearer " + Token } };
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<PartnershipSystem>
{
    public const string Name = "system";
}
