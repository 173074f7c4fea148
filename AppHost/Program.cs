using Partnership.AppHost;
using Partnership.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// Containers when a Docker engine answers, else the Debian servers run by the project's scripts.
var infra = InfrastructureResources.Add(builder);
var portal = builder.Configuration.GetSection("Portal");

// Identity/Roles issues the tokens; every service, itself included, checks them against its public keys.
var identity = builder.AddPartnershipService<Projects.Partnership_IdentityRoles>("identity", infra)
    .WithTokenIssuerSecrets();
// Billing-Account asks Identity/Roles, at the moment of a cloud link, whether the caller may link.
var billing = builder.AddPartnershipService<Projects.Partnership_BillingAccount>("billing", infra)
    .WithReference(identity).WaitFor(identity);
builder.AddPartnershipService<Projects.Partnership_Customer>("customer", infra)
    .WithReference(identity).WaitFor(identity)
    .WithReference(billing).WaitFor(billing)
    .WithEnvironment("Portal__BaseUrl", portal["BaseUrl"]);
builder.AddPartnershipService<Projects.Partnership_Notification>("notification", infra)
    .WithReference(identity).WaitFor(identity)
    .WithReference(infra.Smtp).WaitFor(infra.SmtpServer)
    .WithEnvironment("Portal__CloudName", portal["CloudName"]);

builder.Build().Run();
