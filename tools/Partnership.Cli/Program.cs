using Partnership.Cli;

return args switch
{
    ["token", var accountId, .. var rest] => Print(await Issuer.Client().TokenFor(accountId, asOperator: rest.Contains("--operator"))),
    ["demo", .. var rest] => await Demo.Run(rest.FirstOrDefault() ?? "Acme LLC"),
    ["redrive", var target] => await Redrive.Run(target),
    _ => Usage(),
};

static int Print(string text)
{
    Console.WriteLine(text);
    return 0;
}

static int Usage()
{
    Console.WriteLine("""
        Partnership development client. With the system running (scripts/run.sh):
          token <account-id> [--operator]   ask the running issuer for the account's bearer token (1 h)
          demo ["Customer name"]            walk the onboarding flow: accounts, partner status, paid mode,
                                            add a customer, the confirmation email, accept, Active
          redrive <service|queue>           move the messages parked in the service's _error queues (or one queue's)
                                            back to their queues, once the cause is fixed (as an operator)
        Endpoints default to the AppHost's (identity 5121, billing 5131, customer 5111, notification 5141);
        override with PARTNERSHIP_<SERVICE>_URL, e.g. PARTNERSHIP_CUSTOMER_URL=http://127.0.0.1:5111.
        Tokens come from identity's HTTP port (5120, PARTNERSHIP_IDENTITY_HTTP_URL) with the client secret the AppHost
        keeps in its user secrets (or PARTNERSHIP_ISSUER_CLIENT_SECRET).
        """);
    return 2;
}
