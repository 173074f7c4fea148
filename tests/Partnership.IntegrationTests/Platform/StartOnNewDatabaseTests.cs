using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Onboarding.Expiring;
using Partnership.CustomerService.Onboarding.Reading;
using Partnership.EventSourcing.Marten;
using Partnership.EventSourcing.Marten.ReadModels;
using Partnership.IntegrationTests.Infrastructure;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// A service's first start on a new database: start-up work that reads the store (here the invitation expiry sweep,
/// registered before the store as in the Customer service) waits for the store's schema instead of creating schema
/// objects on first use beside it (which raced: PostgreSQL's catalog refused one of the two, the schema was then applied
/// in the background as if PostgreSQL had not answered, and the sweep failed for a minute).
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class StartOnNewDatabaseTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Start_up_work_waits_for_the_schema_and_nothing_fails_on_a_new_database()
    {
        // The race was lost in most starts; three new databases make a pass by luck unlikely.
        for (var start = 0; start < 3; start++)
        {
            var database = await infra.CreateDatabase("newdb");
            var logs = new WarningLog();
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration["ConnectionStrings:postgres"] = database;
            builder.Logging.ClearProviders().AddProvider(logs);
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddHostedService<InvitationExpirySweeper>();
            builder.AddEventStore("customer", CustomerEventTypes.Registry(),
                    o => o.Schema.For<CustomerView>().Index(v => v.PartnerAccountId).Index(v => v.InvitedAt))
                .AddReadModel<CustomerViewProjection>();
            using var host = builder.Build();
            await host.StartAsync();
            var swept = host.Services.GetServices<IHostedService>().OfType<InvitationExpirySweeper>().Single();
            await swept.FirstRound.WaitAsync(TimeSpan.FromSeconds(30));
            await host.StopAsync();

            Assert.True(logs.Lines.IsEmpty, $"start {start + 1} on a new database logged:\n{string.Join("\n", logs.Lines)}");
        }
    }

    /// <summary>Keeps every warning and error (no Marten, Npgsql or hosting chatter below that).</summary>
    private sealed class WarningLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception?.GetType().Name}");
        }

        public void Dispose()
        {
        }
    }
}
