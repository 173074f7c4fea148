using System.Net.Http.Json;
using System.Text.Json;
using Partnership.IntegrationTests.Infrastructure;

namespace Partnership.IntegrationTests.Platform;

public static class BrokerBindings
{
    /// <summary>The bindings from one exchange to another in the virtual host of <paramref name="amqp"/> (management API).</summary>
    public static async Task<List<JsonElement>> BindingsBetween(this TestInfrastructure infra, Uri amqp, string source, string destination)
    {
        using var http = infra.ManagementClient();
        var vhost = Uri.EscapeDataString(amqp.AbsolutePath.TrimStart('/'));
        return (await http.GetFromJsonAsync<List<JsonElement>>($"api/bindings/{vhost}/e/{source}/e/{destination}"))!;
    }
}
