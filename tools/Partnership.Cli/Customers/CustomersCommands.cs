using System.CommandLine;
using Partnership.Cli.Hosting;
using Partnership.Contracts.Customers.V1;

namespace Partnership.Cli.Customers;

/// <summary>The partner's customer records (Customer service, partnership.customers.v1.Customers).</summary>
public static class CustomersCommands
{
    internal static readonly string[] Columns = ["customer_id", "name", "email", "status", "provisioning", "subaccount_id", "create_time"];

    private static readonly Argument<string> CustomerId = new("customer-id") { Description = "The customer record's ID" };

    public static Command Create() => new Command("customers", "Add, list, look at and watch your customers (as a partner)")
        .With(Add(), List(), Get(), InviteLink(), Watch(), Accept(), History());

    private static Contracts.Customers.V1.Customers.CustomersClient Client(Session session) => new(session.Channel("customer"));

    private static Command Add()
    {
        var name = new Option<string>("--name") { Description = "The customer's name, 1-200 characters", Required = true };
        var email = new Option<string>("--email") { Description = "The email of the customer's existing account", Required = true };
        var requestId = new Option<string?>("--request-id")
        {
            Description = "Makes a retry safe: the same value returns the same record (default: a new one each run)",
        };
        return new Command("create", "Add a customer (CreateCustomer): needs partner status and paid consumption mode")
            .With(name, email, requestId)
            .Does(async (parse, session, cancel) =>
            {
                var request = new CreateCustomerRequest
                {
                    Name = parse.GetRequiredValue(name),
                    Email = parse.GetRequiredValue(email),
                    RequestId = parse.GetValue(requestId) ?? Guid.NewGuid().ToString(),
                };
                session.Output.Message(await Client(session).CreateCustomerAsync(request, session.Auth, cancellationToken: cancel));
            });
    }

    private static Command List()
    {
        var status = ProtoEnumOption.Create<CustomerStatus>("--status", "Only customers in this status");
        var query = new Option<string?>("--query") { Description = "Case-insensitive part of the name or the email" };
        return new Command("list", "Your customers, newest first (ListCustomers)")
            .With(status, query)
            .WithPaging()
            .Does(async (parse, session, cancel) =>
            {
                var response = await Paging.Fetch(parse, (size, token) => Client(session).ListCustomersAsync(new ListCustomersRequest
                {
                    PageSize = size, PageToken = token, Status = parse.GetValue(status), Query = parse.GetValue(query) ?? "",
                }, session.Auth, cancellationToken: cancel).ResponseAsync);
                session.Output.List(response, response.Customers, Columns);
            });
    }

    private static Command Get() => new Command("get", "One customer record (GetCustomer)")
        .With(CustomerId)
        .Does(async (parse, session, cancel) => session.Output.Message(await Client(session).GetCustomerAsync(
            new GetCustomerRequest { CustomerId = parse.GetRequiredValue(CustomerId) }, session.Auth, cancellationToken: cancel)));

    private static Command InviteLink() => new Command("invite-link",
            "The partnership confirmation link to give the customer (GetInviteLink); FAILED_PRECONDITION until provisioned")
        .With(CustomerId)
        .Does(async (parse, session, cancel) => session.Output.Message(await Client(session).GetInviteLinkAsync(
            new GetInviteLinkRequest { CustomerId = parse.GetRequiredValue(CustomerId) }, session.Auth, cancellationToken: cancel)));

    private static Command Accept()
    {
        var subaccount = new Argument<string>("subaccount-id") { Description = "The subaccount ID the invite link ends with (dn2...)" };
        return new Command("accept", "As the customer: confirm the partnership the invite link offers (AcceptInvite)")
            .With(subaccount)
            .Does(async (parse, session, cancel) => session.Output.Message(await Client(session).AcceptInviteAsync(
                new AcceptInviteRequest { SubaccountId = parse.GetRequiredValue(subaccount) }, session.Auth, cancellationToken: cancel)));
    }

    private static Command History() => new Command("history", "Every change to the record, oldest first: who, when, what (ListCustomerHistory)")
        .With(CustomerId)
        .WithPaging()
        .Does(async (parse, session, cancel) =>
        {
            var response = await Paging.Fetch(parse, (size, token) => Client(session).ListCustomerHistoryAsync(new ListCustomerHistoryRequest
            {
                CustomerId = parse.GetRequiredValue(CustomerId), PageSize = size, PageToken = token,
            }, session.Auth, cancellationToken: cancel).ResponseAsync);
            session.Output.List(response, response.Entries, "version", "time", "actor", "change", "description");
        });

    private static Command Watch() => CustomerWatch.Create(CustomerId, Client);
}
