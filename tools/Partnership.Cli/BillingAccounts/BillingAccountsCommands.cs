using System.CommandLine;
using Partnership.Cli.Hosting;
using Partnership.Contracts.Billing.V1;

namespace Partnership.Cli.BillingAccounts;

/// <summary>Billing accounts you may see (Billing-Account service, partnership.billing.v1.BillingAccounts).</summary>
public static class BillingAccountsCommands
{
    private static readonly string[] Columns = ["billing_account_id", "kind", "mode", "owner_account_id", "customer_id", "initial_grant", "outstanding", "billable"];

    public static Command Create() => new Command("billing-accounts", "Your billing account and your customers' subaccounts")
        .With(Get(), List(), SwitchToPaid());

    private static Contracts.Billing.V1.BillingAccounts.BillingAccountsClient Client(Session session) => new(session.Channel("billing"));

    private static Command Get()
    {
        var id = new Argument<string?>("billing-account-id")
        {
            Description = "The billing account (dn2...); without it, your own (GetMyBillingAccount)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        return new Command("get", "One billing account (GetBillingAccount), or your own")
            .With(id)
            .Does(async (parse, session, cancel) => session.Output.Message(parse.GetValue(id) is { Length: > 0 } billingAccountId
                ? await Client(session).GetBillingAccountAsync(new GetBillingAccountRequest { BillingAccountId = billingAccountId }, session.Auth,
                    cancellationToken: cancel)
                : await Client(session).GetMyBillingAccountAsync(new GetMyBillingAccountRequest(), session.Auth, cancellationToken: cancel)));
    }

    private static Command SwitchToPaid() => new Command("switch-to-paid",
            "Switch your own billing account to paid consumption, which adding customers needs (SwitchToPaidConsumption); idempotent")
        .Does(async (_, session, cancel) => session.Output.Message(
            await Client(session).SwitchToPaidConsumptionAsync(new SwitchToPaidConsumptionRequest(), session.Auth, cancellationToken: cancel)));

    private static Command List() => new Command("list", "Every billing account you may see: your own first, then subaccounts (ListBillingAccounts)")
        .WithPaging()
        .Does(async (parse, session, cancel) =>
        {
            var response = await Paging.Fetch(parse, (size, token) => Client(session).ListBillingAccountsAsync(
                new ListBillingAccountsRequest { PageSize = size, PageToken = token }, session.Auth, cancellationToken: cancel).ResponseAsync);
            session.Output.List(response, response.BillingAccounts, Columns);
        });
}
