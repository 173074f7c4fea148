using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Partnership.Contracts.Customers.V1;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Authentication;
using Partnership.ServiceDefaults.Grpc;

namespace Partnership.IntegrationTests.HttpSurface;

// Inside the namespace, so it wins over the Partnership.CustomerService service namespace.

/// <summary>
/// A real Kestrel with the production gRPC defaults (AddGrpcDefaults/UseGrpcDefaults) in front of a small Customers
/// service: an h2c port for gRPC and an HTTP/1.1 port for gRPC-Web, JSON over HTTP and CORS, as the services have.
/// </summary>
public sealed class SurfaceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SurfaceHost(WebApplication app, Uri grpc, Uri http)
    {
        _app = app;
        Grpc = grpc;
        Http = http;
        Channel = GrpcChannel.ForAddress(grpc);
    }

    public Uri Grpc { get; }
    public Uri Http { get; }
    public GrpcChannel Channel { get; }
    public Customers.CustomersClient Customers => new(Channel);

    public static async Task<SurfaceHost> Start(string environment = "Development", IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        // Only these settings: the Kestrel endpoints in the referenced services' appsettings.json would collide.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2);
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1);
        });
        builder.AddGrpcDefaults();
        // A header names the caller here (the surface is under test, not tokens); what UseGrpcDefaults checks at start
        // is still satisfied: an audience and a place for the issuer's keys.
        builder.AcceptTokensFor("customer");
        builder.Services.Configure<AuthOptions>(o => o.Authority = "http://127.0.0.1:9");
        builder.Services.AddAuthentication(CallerHeaderAuthentication.Name)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, CallerHeaderAuthentication>(CallerHeaderAuthentication.Name, null);
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseGrpcDefaults();
        app.MapGrpcService<EchoingCustomers>();
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        return new SurfaceHost(app, new Uri(addresses[0]), new Uri(addresses[1]));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.DisposeAsync();
    }

    public static CallOptions Deadline() => new(deadline: DateTime.UtcNow.AddSeconds(10));
}

/// <summary>Answers like a real service would, echoing input where real services do (in NOT_FOUND details).</summary>
public sealed class EchoingCustomers : Customers.CustomersBase
{
    public override Task<ListCustomersResponse> ListCustomers(ListCustomersRequest request, ServerCallContext context) =>
        Task.FromResult(new ListCustomersResponse { NextPageToken = "query=" + request.Query });

    public override Task<Customer> GetCustomer(GetCustomerRequest request, ServerCallContext context) =>
        throw DomainException.NotFound($"No customer {request.CustomerId}.");

    public override Task<Customer> CreateCustomer(CreateCustomerRequest request, ServerCallContext context) =>
        Task.FromResult(new Customer { Name = request.Name });

    /// <summary>Two versions of the record, then the end of the stream.</summary>
    public override async Task WatchCustomer(WatchCustomerRequest request, IServerStreamWriter<Customer> responseStream, ServerCallContext context)
    {
        await responseStream.WriteAsync(new Customer { CustomerId = request.CustomerId, Version = 1 });
        await responseStream.WriteAsync(new Customer { CustomerId = request.CustomerId, Version = 2 });
    }
}
