using System.CommandLine;
using Partnership.Cli.AccessBindings;
using Partnership.Cli.Accounts;
using Partnership.Cli.BillingAccounts;
using Partnership.Cli.Clouds;
using Partnership.Cli.Customers;
using Partnership.Cli.Deliveries;
using Partnership.Cli.Development;
using Partnership.Cli.Events;
using Partnership.Cli.Hosting;
using Partnership.Cli.Profiles;

var root = new RootCommand($"""
    Partnership: the partner program's API from a terminal, for partners and operators.
    Endpoints and token come from a profile (see 'profile'), overridden by PARTNERSHIP_<SERVICE>_URL and PARTNERSHIP_TOKEN.

    {ExitCodes.Help}
    """)
{
    CustomersCommands.Create(),
    AccountsCommands.Create(),
    CloudsCommands.Create(),
    AccessBindingsCommands.Create(),
    BillingAccountsCommands.Create(),
    DeliveriesCommands.Create(),
    EventsCommands.Create(),
    ProfileCommands.Create(),
};
foreach (var command in DevelopmentCommands.Create()) root.Add(command);
return await CliApp.Run(root, args);
