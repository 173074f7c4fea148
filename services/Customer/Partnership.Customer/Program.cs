using Partnership.CustomerService;
using Partnership.EventSourcing.Marten.Hosting;

ServiceHost.Run(args, b => b.AddCustomerService(), a => a.MapCustomerService());
