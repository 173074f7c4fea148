using System.CommandLine;
using Partnership.Cli.Hosting;
using Partnership.Contracts.Billing.V1;

namespace Partnership.Cli.Clouds;

/// <summary>Moving a customer's clouds into its partner subaccount (Billing-Account service, partnership.billing.v1.Clouds).</summary>
public static class CloudsCommands
{
    private static readonly string[] Columns = ["cloud_id", "name", "organization_id", "billing_account_id", "creator_account_id", "create_time"];

    public static Command Create() => new Command("clouds", "The customer's clouds you may link into its subaccount, and linking them")
        .With(List(), Check(), Link());

    private static Contracts.Billing.V1.Clouds.CloudsClient Client(Session session) => new(session.Channel("billing"));

    private static Option<string> Subaccount() => new("--subaccount") { Description = "The customer's partner subaccount (dn2...)", Required = true };

    private static Command List()
    {
        var subaccount = Subaccount();
        return new Command("list", "Clouds of the subaccount's customer you may link into it now (ListLinkableClouds)")
            .With(subaccount)
            .WithPaging()
            .Does(async (parse, session, cancel) =>
            {
                var response = await Paging.Fetch(parse, (size, token) => Client(session).ListLinkableCloudsAsync(new ListLinkableCloudsRequest
                {
                    SubaccountId = parse.GetRequiredValue(subaccount), PageSize = size, PageToken = token,
                }, session.Auth, cancellationToken: cancel).ResponseAsync);
                session.Output.List(response, response.Clouds, Columns);
            });
    }

    private static Command Check()
    {
        var subaccount = Subaccount();
        var cloud = new Argument<string>("cloud-id") { Description = "The cloud (b1g...)" };
        return new Command("check", "Whether you may link the cloud into the subaccount, and if not why (CheckLinkable)")
            .With(cloud, subaccount)
            .Does(async (parse, session, cancel) => session.Output.Message(await Client(session).CheckLinkableAsync(new CheckLinkableRequest
            {
                SubaccountId = parse.GetRequiredValue(subaccount), CloudId = parse.GetRequiredValue(cloud),
            }, session.Auth, cancellationToken: cancel)));
    }

    private static Command Link()
    {
        var cloud = new Argument<string>("cloud-id") { Description = "The cloud (b1g...)" };
        var target = new Option<string>("--billing-account")
        {
            Description = "Where it is to be paid from: the customer's partner subaccount, or the customer's own billing account to move it back",
            Required = true,
        };
        return new Command("link", "Bind the cloud to a billing account (LinkCloud); where it is already is a no-op")
            .With(cloud, target)
            .Does(async (parse, session, cancel) => session.Output.Message(await Client(session).LinkCloudAsync(new LinkCloudRequest
            {
                CloudId = parse.GetRequiredValue(cloud), BillingAccountId = parse.GetRequiredValue(target),
            }, session.Auth, cancellationToken: cancel)));
    }
}
