using System.CommandLine;
using Grpc.Core;
using Partnership.Cli.Hosting;
using Partnership.Cli.Profiles;
using Partnership.Contracts.Events.V1;

namespace Partnership.Cli.Events;

/// <summary>
/// A service's integration events as its IntegrationEvents.Subscribe stream gives them: the stored ones after a position,
/// then the live ones. For operators and the service's named subscriber clients.
/// </summary>
public static class EventsCommands
{
    public static Command Create() => new Command("events", "Integration events straight from a service's store (operators, subscribers)")
        .With(Tail());

    private static Command Tail()
    {
        var service = new Option<string>("--service") { Description = "Whose events", Required = true };
        service.AcceptOnlyFromAmong([.. Settings.Services]);
        var from = new Option<long>("--from") { Description = "The last position you have; 0 (default) reads from the beginning" };
        var types = new Option<string[]>("--type")
        {
            Description = "Only this exchange, e.g. partnership.customer-created.v1; repeatable (default: all of the service's)",
        };
        var limit = LimitOption.Create("events");
        return new Command("tail", "Print the events after a position, then follow new ones (IntegrationEvents.Subscribe)")
            .With(service, from, types, limit)
            .Does(async (parse, session, cancel) =>
            {
                var request = new SubscribeRequest { FromPosition = parse.GetValue(from) };
                request.EventTypes.AddRange(parse.GetValue(types) ?? []);
                var client = new IntegrationEvents.IntegrationEventsClient(session.Channel(parse.GetRequiredValue(service)));
                var remaining = parse.GetValue(limit) ?? int.MaxValue;
                using var call = client.Subscribe(request, session.Auth, cancellationToken: cancel);
                await foreach (var envelope in call.ResponseStream.ReadAllAsync(cancel))
                {
                    session.Output.StreamItem(envelope, "position", "recorded_at", "event_type", "message_id", "payload_json");
                    if (--remaining == 0) return;
                }
            });
    }
}
