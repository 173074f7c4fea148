using Partnership.IdentityRoles;
using Partnership.EventSourcing.Marten.Hosting;

ServiceHost.Run(args, b => b.AddIdentityRolesService(), a => a.MapIdentityRolesService());
