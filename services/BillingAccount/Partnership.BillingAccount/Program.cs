using Partnership.BillingAccount;
using Partnership.EventSourcing.Marten.Hosting;

ServiceHost.Run(args, b => b.AddBillingAccountService(), a => a.MapBillingAccountService());
