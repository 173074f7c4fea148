using System.Net;
using System.Text.Json.Nodes;
using Google.Api;
using Google.Protobuf.Reflection;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Events.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.Contracts.Notification.V1;

namespace Partnership.EndToEndTests.Http;

/// <summary>Each service's OpenAPI document, at /openapi/v1.json on its HTTP port, describes every RPC it serves over JSON.</summary>
[Collection(SystemCollection.Name)]
public sealed class OpenApiDocumentTests(PartnershipSystem system) : IDisposable
{
    private readonly JsonApi _api = new(system);

    public void Dispose() => _api.Dispose();

    /// <summary>The gRPC services each AppHost resource serves; every one also serves its own IntegrationEvents.</summary>
    public static readonly Dictionary<string, ServiceDescriptor[]> ServedBy = new()
    {
        ["identity"] = [Accounts.Descriptor, AccessBindings.Descriptor, IntegrationEvents.Descriptor],
        ["billing"] = [BillingAccounts.Descriptor, Clouds.Descriptor, IntegrationEvents.Descriptor],
        ["customer"] = [Customers.Descriptor, IntegrationEvents.Descriptor],
        ["notification"] = [ConfirmationEmails.Descriptor, IntegrationEvents.Descriptor],
    };

    /// <summary>The HTTP rule of an RPC, as the proto's google.api.http option gives it.</summary>
    public static (string Verb, string Path, string Body) Rule(MethodDescriptor method)
    {
        var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
        Assert.True(rule is not null, $"{method.FullName} has no google.api.http option");
        return rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => ("get", rule.Get, rule.Body),
            HttpRule.PatternOneofCase.Post => ("post", rule.Post, rule.Body),
            HttpRule.PatternOneofCase.Put => ("put", rule.Put, rule.Body),
            HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch, rule.Body),
            HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete, rule.Body),
            _ => throw new Xunit.Sdk.XunitException($"{method.FullName}: an HTTP rule of kind {rule.PatternCase}"),
        };
    }

    // "/v1/customers/{customer_id}:watch" is listed as "/v1/customers/{customerId}:watch": path parameters by JSON name.
    private static string DocumentPath(string path) => System.Text.RegularExpressions.Regex.Replace(path, "_([a-z])", m => m.Groups[1].Value.ToUpperInvariant());

    [Fact]
    public void Every_rpc_of_the_contracts_has_an_http_route_and_no_two_share_one()
    {
        foreach (var (service, descriptors) in ServedBy)
        {
            var routes = descriptors.SelectMany(d => d.Methods).Select(m => Rule(m)).Select(r => $"{r.Verb} {r.Path}").ToList();
            Assert.True(routes.Count == routes.Distinct().Count(), $"{service}: {string.Join(", ", routes)}");
        }
        var all = ServedBy.Values.SelectMany(d => d).Distinct().SelectMany(d => d.Methods).ToList();
        Assert.Equal(37 - 3, all.Count); // the authorization matrix's 37, with Subscribe once instead of four times
        Assert.All(all, m => Assert.StartsWith("/v1/", Rule(m).Path));
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("billing")]
    [InlineData("customer")]
    [InlineData("notification")]
    public async Task Each_service_serves_an_openapi_document_listing_every_rpc_it_serves(string service)
    {
        using var response = await _api.Client(service).GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>());
        var paths = document["paths"]!.AsObject();
        foreach (var method in ServedBy[service].SelectMany(d => d.Methods))
        {
            var (verb, path, _) = Rule(method);
            var operation = paths[DocumentPath(path)]?[verb];
            Assert.True(operation is not null, $"{service}: no {verb} {DocumentPath(path)} ({method.FullName}) in {string.Join(", ", paths.Select(p => p.Key))}");
            // The proto comment on the RPC is the operation's summary.
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{method.FullName} has no summary");
        }
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_customer_document_describes_customer_creation_with_its_body_and_the_error_status()
    {
        var document = JsonNode.Parse(await _api.Client("customer").GetStringAsync("/openapi/v1.json"))!;
        var create = document["paths"]!["/v1/customers"]!["post"]!;
        Assert.Contains("partner status", create["summary"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/CreateCustomerRequest",
            create["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Customer", create["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Status", create["responses"]!["default"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        var fields = document["components"]!["schemas"]!["CreateCustomerRequest"]!["properties"]!.AsObject();
        Assert.Equal(["requestId", "name", "email"], fields.Select(f => f.Key));
        // Field comments from the proto.
        Assert.Contains("1-64 characters", fields["requestId"]!["description"]!.GetValue<string>());
        Assert.Contains("VERIFICATION_REQUIRED", document["components"]!["schemas"]!["CustomerStatus"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void The_dashboard_links_each_services_swagger_ui()
    {
        foreach (var service in ServedBy.Keys)
        {
            Assert.True(system.App.ResourceNotifications.TryGetCurrentState(service, out var state), service);
            var swagger = _api.Address(service) + "swagger";
            Assert.Contains(state.Snapshot.Urls, u => u.Url == swagger && u.DisplayProperties.DisplayName.Contains("Swagger UI"));
        }
    }

    /// <summary>The AppHost runs in Development here, as on a developer's machine: each service's Swagger UI is up.</summary>
    [Theory]
    [InlineData("identity")]
    [InlineData("customer")]
    public async Task In_development_each_service_has_a_browsable_swagger_ui(string service)
    {
        using var response = await _api.Client(service).GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
    }
}
