using System.Text;
using System.Text.Json.Nodes;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Notification.V1;
using Partnership.IntegrationTests.Platform;
using Partnership.Testing;

namespace Partnership.EndToEndTests;

[Collection(SystemCollection.Name)]
public sealed class EmailOnceTests(PartnershipSystem system)
{
    [Fact]
    public async Task Redelivered_and_duplicated_messages_still_send_one_email()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var created = await system.AddCustomer(partner, customer);
        await system.Provisioned(partner, created.CustomerId);
        await Eventually.True(() => system.Tap.For("partnership.confirmation-email-sent.v1", "customerId", created.CustomerId).Count == 1,
            what: "the first email");

        foreach (var exchange in new[] { "partnership.customer-created.v1", "partnership.customer-provisioned.v1" })
        {
            var original = system.Tap.For(exchange, "customerId", created.CustomerId).Single();
            // Sent again by the exchange's owner (as the broker user of the Customer service): consumers take
            // messages only from their owner.
            await system.PublishAs("customer", exchange, original.Body);                  // a redelivery: the same MessageId
            await system.PublishAs("customer", exchange, WithNewMessageId(original.Body)); // a duplicate: a new MessageId
            await Eventually.True(() => system.Tap.For(exchange, "customerId", created.CustomerId).Count == 3);
        }

        // Let the services consume the copies, then look for any effect.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(system.Smtp.To(customer.Email));
        Assert.Single(system.Tap.For("partnership.confirmation-email-sent.v1", "customerId", created.CustomerId));
        Assert.Single(system.Tap.For("partnership.subaccount-created.v1", "customerId", created.CustomerId));
        Assert.Single(system.Tap.For("partnership.organization-created.v1", "customerId", created.CustomerId));
        Assert.Equal(4, system.Tap.For("partnership.access-binding-granted.v1", "customerId", created.CustomerId).Count);
        // Created, subaccount, the organization with the four default bindings, provisioning complete: nothing twice.
        var record = await Eventually.Get(() => system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = created.CustomerId }, partner.Auth).ResponseAsync,
            c => c.Provisioning == ProvisioningState.Complete, what: "provisioning complete");
        Assert.Equal(4, record.Version);
    }

    [Fact]
    public async Task Notification_restarted_between_intent_and_send_sends_nothing_more_and_shows_the_delivery_as_unknown()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        system.Smtp.Stall(customer.Email);
        var created = await system.AddCustomer(partner, customer);
        await Eventually.True(() => system.Smtp.Stalls.Contains(customer.Email), what: "the sender to be waiting on SMTP");

        await system.App.ResourceCommands.ExecuteCommandAsync("notification", "resource-stop");
        await system.App.ResourceCommands.ExecuteCommandAsync("notification", "resource-start");
        await system.App.ResourceNotifications.WaitForResourceHealthyAsync("notification");
        system.Reconnect("notification");

        var unknown = await Eventually.Get(() => system.Emails.ListDeliveriesAsync(
                new ListDeliveriesRequest { State = DeliveryState.Unknown }, system.Operator.Auth).ResponseAsync,
            r => r.Deliveries.Any(d => d.CustomerId == created.CustomerId), TimeSpan.FromSeconds(60), "the delivery to be shown as unknown");
        Assert.Equal(customer.Email, unknown.Deliveries.Single(d => d.CustomerId == created.CustomerId).Recipient);
        // One event, perhaps in two copies: when the stopping process itself gave up on the mail (its SMTP timeout came
        // before its end), its publish can reach the broker while the channel closes before the broker's confirm, and the
        // restarted process's catch-up then publishes it again with the same MessageId (at least once; subscribers
        // deduplicate on it).
        await Eventually.True(() => system.Tap.For("partnership.confirmation-email-delivery-unknown.v1", "customerId", created.CustomerId).Count > 0);
        Assert.Single(system.Tap.For("partnership.confirmation-email-delivery-unknown.v1", "customerId", created.CustomerId)
            .Select(e => e.MessageId).Distinct());
        Assert.Empty(system.Smtp.To(customer.Email));
        Assert.Empty(system.Tap.For("partnership.confirmation-email-sent.v1", "customerId", created.CustomerId));

        // The way forward is the invite link.
        var link = await system.Customers.GetInviteLinkAsync(new GetInviteLinkRequest { CustomerId = created.CustomerId }, partner.Auth);
        Assert.EndsWith("/invite/accept/" + link.SubaccountId, link.Url);
    }

    [Fact]
    public async Task A_mail_server_that_refuses_connections_gets_the_email_once_when_it_is_back()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        string customerId;
        await system.Smtp.Refuse();
        try
        {
            customerId = (await system.AddCustomer(partner, customer)).CustomerId;
            var retrying = await Eventually.Get(() => system.Emails.ListDeliveriesAsync(
                    new ListDeliveriesRequest { State = DeliveryState.Retrying }, system.Operator.Auth).ResponseAsync,
                r => r.Deliveries.Any(d => d.CustomerId == customerId), TimeSpan.FromSeconds(60), "the delivery to be shown as retrying");
            var shown = retrying.Deliveries.Single(d => d.CustomerId == customerId);
            Assert.Contains("Could not reach", shown.Reason);
            Assert.NotNull(shown.NextAttemptTime);
        }
        finally
        {
            await system.Smtp.ResumeListening();
        }

        await Eventually.True(() => system.Tap.For("partnership.confirmation-email-sent.v1", "customerId", customerId).Count == 1,
            TimeSpan.FromSeconds(90), "the email once the server is back");
        Assert.Single(system.Smtp.To(customer.Email));
        Assert.Empty(system.Tap.For("partnership.confirmation-email-failed.v1", "customerId", customerId));
        Assert.Empty(system.Tap.For("partnership.confirmation-email-delivery-unknown.v1", "customerId", customerId));
    }

    [Fact]
    public async Task A_permanent_refusal_fails_the_delivery_at_once_with_the_servers_reply()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        system.Smtp.Reply(SmtpStep.RcptTo, 550, "5.1.1 Mailbox does not exist", recipient: customer.Email);
        var created = await system.AddCustomer(partner, customer);

        var failed = await Eventually.Get(() => system.Emails.ListDeliveriesAsync(
                new ListDeliveriesRequest { State = DeliveryState.Failed }, system.Operator.Auth).ResponseAsync,
            r => r.Deliveries.Any(d => d.CustomerId == created.CustomerId), TimeSpan.FromSeconds(60), "the delivery to be shown as failed");
        Assert.Contains("Mailbox does not exist", failed.Deliveries.Single(d => d.CustomerId == created.CustomerId).Reason);
        await Eventually.True(() => system.Tap.For("partnership.confirmation-email-failed.v1", "customerId", created.CustomerId).Count == 1);
        Assert.Empty(system.Smtp.To(customer.Email));
    }

    private static byte[] WithNewMessageId(byte[] body)
    {
        var envelope = JsonNode.Parse(Encoding.UTF8.GetString(body))!;
        envelope["messageId"] = Guid.NewGuid().ToString();
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }
}
