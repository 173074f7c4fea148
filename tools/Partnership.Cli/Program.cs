using Partnership.Cli;
using Partnership.ServiceDefaults.Authentication;

return args switch
{
    ["token", var accountId, .. var rest] => Print(DevelopmentTokens.Mint(accountId, SigningKey.Load(), rest.Contains("--operator") ? [Roles.Operator] : [])),
    ["demo", .. var rest] => await Demo.Run(rest.FirstOrDefault() ?? "Acme LLC"),
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
          token <account-id> [--operator]   print a bearer token for the account (12 h)
          demo ["Customer name"]            walk the onboarding flow: accounts, partner status, paid mode,
                                            add a customer, the confirmation email, accept, Active
        Endpoints default to the AppHost's (identity 5121, billing 5131, customer 5111, notification 5141);
        override with PARTNERSHIP_<SERVICE>_URL, e.g. PARTNERSHIP_CUSTOMER_URL=http://127.0.0.1:5111.
        """);
    return 2;
}
