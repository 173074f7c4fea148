using Microsoft.Extensions.DependencyInjection;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.AppHost.Dashboard;

/// <summary>
/// An operator token for the dashboard's commands, from the running issuer (identity's HTTP endpoint) with the client
/// secret the AppHost holds (see <see cref="TokenIssuerParameters"/>): the same way the CLI gets one. Asked for at
/// each command, so a restarted identity or a new key never leaves a stale token behind.
/// </summary>
internal static class OperatorTokens
{
    /// <summary>The operator account the dashboard acts as (the one the CLI and the tests use).</summary>
    public const string OperatorAccountId = "ajeoperator000000000";

    public static async Task<string> Get(IServiceProvider services, CancellationToken ct)
    {
        var model = services.GetRequiredService<DistributedApplicationModel>();
        var identity = model.Resources.OfType<ProjectResource>().Single(r => r.Name == "identity");
        var secret = model.Resources.OfType<ParameterResource>().Single(p => p.Name == TokenIssuerParameters.ClientSecretName);
        var issuer = new Uri(identity.GetEndpoint("http").Url);
        var clientSecret = await secret.GetValueAsync(ct)
            ?? throw new InvalidOperationException($"parameter {secret.Name} has no value");
        return await new IssuerTokenClient(issuer, clientSecret).TokenFor(OperatorAccountId, asOperator: true, ct);
    }
}
