using System.Text;
using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Events.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.Contracts.Notification.V1;
using Xunit.Abstractions;

namespace Partnership.EndToEndTests.Authorization;

/// <summary>Every RPC of the four services, as every kind of caller, against the running system.</summary>
[Collection(SystemCollection.Name)]
public sealed class AuthorizationMatrixTests(PartnershipSystem system, ITestOutputHelper output)
{
    public static IEnumerable<Google.Protobuf.Reflection.ServiceDescriptor> AllServices =>
    [
        Accounts.Descriptor, AccessBindings.Descriptor, BillingAccounts.Descriptor, Clouds.Descriptor, Customers.Descriptor,
        ConfirmationEmails.Descriptor,
    ];

    private static readonly string[] Services = ["identity", "billing", "customer", "notification"];

    [Fact]
    public void The_matrix_covers_every_rpc_of_every_service()
    {
        var rpcs = AllServices.SelectMany(s => s.Methods.Select(m => $"{s.FullName}/{m.Name}"))
            // Every service serves Subscribe for its own events: one case each.
            .Concat(Services.Select(service => $"{IntegrationEvents.Descriptor.FullName}/Subscribe@{service}")).Order().ToList();
        Assert.Equal(rpcs, AuthorizationMatrix.Cases.Select(c => c.Rpc).Order().ToList());
        Assert.Equal(37, rpcs.Count);
    }

    [Fact]
    public async Task Every_rpc_answers_every_kind_of_caller_as_the_policy_says()
    {
        var world = await AuthorizationWorld.Build(system);
        var mismatches = new List<string>();
        var table = new StringBuilder();
        foreach (var rpc in AuthorizationMatrix.Cases)
        {
            table.Append(rpc.Rpc.Split('/')[1].PadRight(26));
            foreach (var kind in Enum.GetValues<CallerKind>())
            {
                var actual = await Outcome(world, rpc, kind);
                table.Append($" {kind}={actual}");
                if (actual != rpc.Expected[kind]) mismatches.Add($"{rpc.Rpc} as {kind}: expected {rpc.Expected[kind]}, got {actual}");
            }
            table.AppendLine();
        }
        output.WriteLine(table.ToString());
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    private static async Task<StatusCode> Outcome(AuthorizationWorld world, RpcCase rpc, CallerKind kind)
    {
        var caller = world.Caller(kind);
        var options = new CallOptions(caller?.Auth ?? new Metadata(), DateTime.UtcNow.AddSeconds(30));
        try
        {
            await rpc.Call(world, kind, options);
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
