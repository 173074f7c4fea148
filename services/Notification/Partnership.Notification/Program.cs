using Partnership.Notification;
using Partnership.EventSourcing.Marten.Hosting;

ServiceHost.Run(args, b => b.AddNotificationService(), a => a.MapNotificationService());
