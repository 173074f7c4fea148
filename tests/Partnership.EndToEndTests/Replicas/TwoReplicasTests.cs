using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests.Replicas;

/// <summary>
/// The whole system with two processes of every service (the AppHost's Services:Replicas). Not in parallel with the
/// other system (see AssemblyInfo): twelve service processes at once would exhaust the test server's connections.
/// </summary>
public sealed class TwoReplicasSystem : PartnershipSystem
{
    protected override IEnumerable<string> MoreAppHostArguments => ["--Services:Replicas=2"];

    /// <summary>
    /// Aspire calls a service healthy when one replica is; the proxy spreads calls over both, so wait until a run of
    /// health checks through it all succeed (the second process is up too).
    /// </summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var service in Services)
        {
            var health = new Uri(App.GetEndpoint(service, "http"), "/health");
            var deadline = DateTime.UtcNow.AddMinutes(2);
            for (var inARow = 0; inARow < 10;)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Both replicas of {service} did not become healthy.");
                try
                {
                    inARow = (await http.GetAsync(health)).IsSuccessStatusCode ? inARow + 1 : 0;
                }
                catch (HttpRequestException)
                {
                    inARow = 0;
                }
                if (inARow == 0) await Task.Delay(200);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TwoReplicasCollection : ICollectionFixture<TwoReplicasSystem>
{
    public const string Name = "two-replicas";
}

[Collection(TwoReplicasCollection.Name)]
public sealed class TwoReplicasTests(TwoReplicasSystem system)
{
    [Fact]
    public async Task Every_service_runs_twice_and_each_onboarding_has_one_effect_of_each_kind()
    {
        var model = system.App.Services.GetRequiredService<DistributedApplicationModel>();
        foreach (var service in PartnershipSystem.Services)
            Assert.Equal(2, model.Resources.OfType<ProjectResource>().Single(r => r.Name == service)
                .Annotations.OfType<ReplicaAnnotation>().Single().Replicas);

        var partner = await system.NewPartner();
        var customers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => system.RegisterAccount($"replica-customer-{i}")));
        var records = await Task.WhenAll(customers.Select((c, i) => system.AddCustomer(partner, c, $"Replica {i} LLC")));
        var provisioned = await Task.WhenAll(records.Select(r => system.Provisioned(partner, r.CustomerId)));

        foreach (var (customer, record) in customers.Zip(provisioned))
        {
            await Eventually.True(() => system.Smtp.To(customer.Email).Count > 0, what: $"the email to {customer.Email}");
            var bindings = await Eventually.Get(() => system.AccessBindings.ListAccessBindingsAsync(
                    new ListAccessBindingsRequest { ResourceType = ResourceType.BillingAccount, ResourceId = record.SubaccountId }, partner.Auth).ResponseAsync,
                b => b.AccessBindings.Count >= 2, what: "the subaccount's bindings");
            Assert.Equal(2, bindings.AccessBindings.Count);
            var accepted = await system.Customers.AcceptInviteAsync(new AcceptInviteRequest { SubaccountId = record.SubaccountId }, customer.Auth);
            Assert.Equal(CustomerStatus.Active, accepted.Status);
        }
        // Redeliveries and the second process of each service had time to do something twice: they did not.
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var (customer, record) in customers.Zip(provisioned))
        {
            Assert.Single(system.Smtp.To(customer.Email));
            var reread = await system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = record.CustomerId }, partner.Auth);
            Assert.Equal((record.SubaccountId, record.OrganizationId), (reread.SubaccountId, reread.OrganizationId));
        }
    }
}
