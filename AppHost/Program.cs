using Partnership.AppHost;
using Partnership.AppHost.Dashboard;
using Partnership.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// Containers when a Docker engine answers, else the Debian servers run by the project's scripts.
var infra = InfrastructureResources.Add(builder);
var portal = builder.Configuration.GetSection("Portal");

// The services call each other per request, never to start (a call before the other is up is UNAVAILABLE, like any
// outage), so they start side by side once the servers and their logins are ready: no WaitFor between them, which
// made the start a chain identity -> billing -> customer.
// Identity/Roles issues the tokens; every service, itself included, checks them against its public keys. It keeps no
// read models (it answers from its streams), so its only dashboard command is the re-drive every service has.
var identity = builder.AddPartnershipService<Projects.Partnership_IdentityRoles>("identity", infra)
    .WithTokenIssuerSecrets();
// Billing-Account asks Identity/Roles, at the moment of a cloud link, whether the caller may link.
var billing = builder.AddPartnershipService<Projects.Partnership_BillingAccount>("billing", infra)
    .WithReference(identity)
    .WithRebuildReadModelsCommand();
builder.AddPartnershipService<Projects.Partnership_Customer>("customer", infra)
    .WithReference(identity)
    .WithReference(billing)
    .WithEnvironment("Portal__BaseUrl", portal["BaseUrl"])
    .WithRebuildReadModelsCommand();
builder.AddPartnershipService<Projects.Partnership_Notification>("notification", infra)
    .WithReference(identity)
    .WithReference(infra.Smtp).WaitFor(infra.SmtpServer)
    .WithEnvironment("Portal__CloudName", portal["CloudName"])
    .WithRebuildReadModelsCommand();

builder.Build().Run();
