using Partnership.AppHost;
using Partnership.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// Containers when a Docker engine answers, else the Debian servers run by the project's scripts.
var infra = InfrastructureResources.Add(builder);
var signingKey = builder.AddParameter("auth-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false },
    secret: true, persist: true);
var portal = builder.Configuration.GetSection("Portal");

var identity = builder.AddPartnershipService<Projects.Partnership_IdentityRoles>("identity", infra, signingKey);
// Billing-Account asks Identity/Roles, at the moment of a cloud link, whether the caller may link.
var billing = builder.AddPartnershipService<Projects.Partnership_BillingAccount>("billing", infra, signingKey)
    .WithReference(identity).WaitFor(identity);
builder.AddPartnershipService<Projects.Partnership_Customer>("customer", infra, signingKey)
    .WithReference(identity).WaitFor(identity)
    .WithReference(billing).WaitFor(billing)
    .WithEnvironment("Portal__BaseUrl", portal["BaseUrl"])
    .WithEnvironment("Portal__CloudName", portal["CloudName"]);
builder.AddPartnershipService<Projects.Partnership_Notification>("notification", infra, signingKey)
    .WithReference(infra.Smtp).WaitFor(infra.SmtpServer)
    .WithEnvironment("Portal__CloudName", portal["CloudName"]);

builder.Build().Run();
