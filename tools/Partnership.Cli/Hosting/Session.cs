using System.CommandLine;
using Grpc.Core;
using Grpc.Net.Client;
using Partnership.Cli.Profiles;

namespace Partnership.Cli.Hosting;

/// <summary>One command's connection to the system: the resolved profile's channels and token, and where output goes.</summary>
public sealed class Session : IDisposable
{
    private readonly Dictionary<string, GrpcChannel> _channels = [];

    private Session(Settings settings, Output output)
    {
        Settings = settings;
        Output = output;
    }

    public Settings Settings { get; }
    public Output Output { get; }

    /// <summary>The bearer token header; none without a token (the service then answers UNAUTHENTICATED, TOKEN_MISSING).</summary>
    public Metadata Auth => Settings.Token is { Length: > 0 } token ? new Metadata { { "Authorization", "Bearer " + token } } : [];

    public static Session From(ParseResult parse) =>
        new(Settings.Resolve(parse.GetValue(GlobalOptions.Profile)), new Output(parse.GetValue(GlobalOptions.Output) == "json", Console.Out));

    public GrpcChannel Channel(string service)
    {
        if (!_channels.TryGetValue(service, out var channel))
        {
            if (!Uri.TryCreate(Settings.Endpoints[service], UriKind.Absolute, out var address))
                throw new UsageException($"The {service} endpoint '{Settings.Endpoints[service]}' of profile '{Settings.ProfileName}' is not an absolute URL.");
            _channels[service] = channel = GrpcChannel.ForAddress(address);
        }
        return channel;
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values) channel.Dispose();
    }
}
