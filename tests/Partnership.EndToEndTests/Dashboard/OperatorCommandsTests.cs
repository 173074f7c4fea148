using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Partnership.AppHost.Dashboard;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Notification.V1;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests.Dashboard;

/// <summary>
/// The operator's commands in the dashboard, run as the dashboard runs them (the AppHost's resource command service):
/// each asks the issuer for an operator token and calls the service's operator endpoint.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OperatorCommandsTests(PartnershipSystem system)
{
    [Theory]
    [InlineData("identity", false)]
    [InlineData("billing", true)]
    [InlineData("customer", true)]
    [InlineData("notification", true)]
    public void Each_service_offers_its_commands_enabled_while_it_is_healthy(string service, bool hasReadModels)
    {
        Assert.True(system.App.ResourceNotifications.TryGetCurrentState(service, out var state), $"{service} has no state");
        var commands = state.Snapshot.Commands.ToDictionary(c => c.Name);

        Assert.Equal(ResourceCommandState.Enabled, commands[OperatorCommands.RedriveErrorQueues].State);
        Assert.Equal("Re-drive error queues", commands[OperatorCommands.RedriveErrorQueues].DisplayName);
        if (hasReadModels)
        {
            Assert.Equal(ResourceCommandState.Enabled, commands[OperatorCommands.RebuildReadModels].State);
            Assert.Equal("Rebuild read models", commands[OperatorCommands.RebuildReadModels].DisplayName);
        }
        else
        {
            Assert.False(commands.ContainsKey(OperatorCommands.RebuildReadModels), $"{service} keeps no read models");
        }
    }

    [Fact]
    public async Task Rebuild_read_models_replays_the_customer_list_from_the_streams()
    {
        var partner = await system.NewPartner();
        var customer = await system.AddCustomer(partner, await system.RegisterAccount("customer"));
        await Listed();

        var result = await system.App.ResourceCommands.ExecuteCommandAsync("customer", OperatorCommands.RebuildReadModels);

        Assert.True(result.Success, result.Message);
        Assert.StartsWith("Rebuilding from the streams: ", result.Message);
        // The list is cleared and replayed: the record comes back.
        await Listed();

        Task Listed() => Eventually.Get(
            async () => (await system.Customers.ListCustomersAsync(new ListCustomersRequest { PageSize = 100 }, partner.Auth)).Customers,
            list => list.Any(c => c.CustomerId == customer.CustomerId), what: "the customer in its partner's list");
    }

    [Fact]
    public async Task Rebuild_read_models_of_notification_replays_the_deliveries()
    {
        var before = await Deliveries();

        var result = await system.App.ResourceCommands.ExecuteCommandAsync("notification", OperatorCommands.RebuildReadModels);

        Assert.True(result.Success, result.Message);
        Assert.Matches("^Rebuilding from the streams: [a-z]", result.Message);
        // Waited for, so the tests after this one see the whole list again.
        await Eventually.Get(Deliveries, after => after >= before, what: $"{before} deliveries listed again");

        async Task<int> Deliveries() => (await system.Emails.ListDeliveriesAsync(new ListDeliveriesRequest { PageSize = 100 },
            system.Operator.Auth)).Deliveries.Count;
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("customer")]
    public async Task Redrive_error_queues_answers_with_what_it_moved(string service)
    {
        var result = await system.App.ResourceCommands.ExecuteCommandAsync(service, OperatorCommands.RedriveErrorQueues);

        Assert.True(result.Success, result.Message);
        Assert.Matches("^(No message was waiting in the [1-9][0-9]* error queues\\.|Moved [0-9]+ messages back: .+)$", result.Message);
    }

    [Fact]
    public void The_broker_shows_a_link_to_its_management_UI()
    {
        Assert.True(system.App.ResourceNotifications.TryGetCurrentState("rabbitmq", out var state), "rabbitmq has no state");
        var link = Assert.Single(state.Snapshot.Urls, u => u.DisplayProperties.DisplayName == DashboardLinks.ExternalRabbitMqManagement);
        Assert.Equal(system.Servers.RabbitManagement.ToString(), link.Url);
    }
}
