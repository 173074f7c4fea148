using System.CommandLine;
using Partnership.Cli.Hosting;
using Partnership.Contracts.Notification.V1;

namespace Partnership.Cli.Deliveries;

/// <summary>Confirmation email deliveries, for operators (Notification service, partnership.notification.v1.ConfirmationEmails).</summary>
public static class DeliveriesCommands
{
    private static readonly string[] Columns = ["customer_id", "recipient", "state", "intent_time", "outcome_time", "failed_attempts", "reason"];

    public static Command Create() => new Command("deliveries", "Confirmation emails and what became of them (operators)")
        .With(List());

    private static Command List()
    {
        var state = ProtoEnumOption.Create<DeliveryState>("--state", "Only deliveries in this state");
        var customer = new Option<string?>("--customer") { Description = "Only the deliveries of this customer record" };
        return new Command("list", "Deliveries, newest intent first (ListDeliveries)")
            .With(state, customer)
            .WithPaging()
            .Does(async (parse, session, cancel) =>
            {
                var client = new ConfirmationEmails.ConfirmationEmailsClient(session.Channel("notification"));
                var response = await Paging.Fetch(parse, (size, token) => client.ListDeliveriesAsync(new ListDeliveriesRequest
                {
                    State = parse.GetValue(state), CustomerId = parse.GetValue(customer) ?? "", PageSize = size, PageToken = token,
                }, session.Auth, cancellationToken: cancel).ResponseAsync);
                session.Output.List(response, response.Deliveries, Columns);
            });
    }
}
