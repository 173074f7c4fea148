using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Onboarding.Reading;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten;
using Partnership.EventSourcing.Marten.ReadModels;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.IntegrationTests.Platform;
using Partnership.ServiceDefaults;

namespace Partnership.IntegrationTests.Faults;

/// <summary>
/// A service whose PostgreSQL does not answer at start starts anyway, Unhealthy with the reason, and becomes healthy
/// (schema applied, missing read model rebuilt, events appended and projected) once PostgreSQL answers.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class StartWithoutDatabaseTests(TestInfrastructure infra)
{
    [Fact]
    public async Task A_service_started_without_PostgreSQL_is_unhealthy_then_healthy_and_working_when_it_answers()
    {
        var database = await infra.CreateDatabase("nodb");
        var real = new NpgsqlConnectionStringBuilder(database);
        await using var gate = new TcpGate(new IPEndPoint(IPAddress.Loopback, real.Port));
        var throughGate = new NpgsqlConnectionStringBuilder(database) { Port = gate.Port, Timeout = 3 }.ConnectionString;

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = throughGate;
        builder.AddDefaultHealthChecks();
        builder.AddEventStore("customer", CustomerEventTypes.Registry()).AddReadModel<CustomerViewProjection>();
        using var host = builder.Build();
        await host.StartAsync();

        var health = host.Services.GetRequiredService<HealthCheckService>();
        var down = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Equal(HealthStatus.Unhealthy, down.Entries["postgres"].Status);
        Assert.StartsWith("Waiting for PostgreSQL", down.Entries["event-store"].Description);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested,
            "the host must not stop because the database is away");

        gate.Open();
        await Eventually.Get(() => health.CheckHealthAsync(), r => r.Status == HealthStatus.Healthy, TimeSpan.FromSeconds(60),
            what: "healthy once PostgreSQL answers");
        var store = host.Services.GetRequiredService<IEventStore>();
        await store.AppendToStream("customer-cst00000000000000001", ExpectedVersion.NoStream,
            [new CustomerRecordCreated("cst00000000000000001", "ajepartner0000000001", "ajecustomer000000001", "Acme", "a@example.com", "r",
                DateTimeOffset.UtcNow)], default);
        await Eventually.Get(async () =>
        {
            await using var session = host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
            return await session.LoadAsync<CustomerView>("cst00000000000000001");
        }, v => v is not null, TimeSpan.FromSeconds(30), what: "the read model to project the new customer");
        await host.StopAsync();
    }
}
