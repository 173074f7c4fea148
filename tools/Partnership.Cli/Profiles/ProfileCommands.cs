using System.CommandLine;
using Partnership.Cli.Hosting;

namespace Partnership.Cli.Profiles;

/// <summary>profile set|show|use|list: named sets of endpoints and a token in the profiles file.</summary>
public static class ProfileCommands
{
    public static Command Create() => new Command("profile",
            "Named endpoints and token (file: $PARTNERSHIP_CONFIG, else ~/.config/partnership/profiles.json)")
        .With(Set(), Show(), Use(), List());

    private static Command Set()
    {
        var name = new Argument<string>("name") { Description = "The profile to create or change" };
        var urls = Settings.Services.ToDictionary(s => s, s => new Option<string?>($"--{s}-url")
        {
            Description = $"The {s} service's gRPC address (default {Settings.LocalEndpoints[s]})",
        });
        var token = new Option<string?>("--token") { Description = "The bearer token to send (see the token command); \"\" removes it" };
        var command = new Command("set", "Create or change a profile; the first one becomes current").With(name, token);
        foreach (var url in urls.Values) command.Add(url);
        command.SetAction(parse =>
        {
            var path = ProfileFile.PathFromEnvironment();
            var file = ProfileFile.Load(path);
            var profileName = parse.GetRequiredValue(name);
            if (!file.Profiles.TryGetValue(profileName, out var profile)) file.Profiles[profileName] = profile = new Profile();
            foreach (var (service, option) in urls)
                if (parse.GetValue(option) is { } url)
                {
                    if (!Uri.TryCreate(url, UriKind.Absolute, out _)) throw new UsageException($"--{service}-url '{url}' is not an absolute URL.");
                    profile.Endpoints[service] = url;
                }
            if (parse.GetValue(token) is { } newToken) profile.Token = newToken.Length == 0 ? null : newToken;
            file.Current ??= profileName;
            file.Save(path);
            Console.WriteLine($"Profile '{profileName}' saved in {path}{(file.Current == profileName ? " (current)" : "")}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var name = new Argument<string?>("name") { Description = "The profile (default: the one in use)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("show", "The endpoints and token a command would use, with environment overrides applied").With(name);
        command.SetAction(parse =>
        {
            var settings = Settings.Resolve(parse.GetValue(name) ?? parse.GetValue(GlobalOptions.Profile));
            var values = new List<(string, string)>
            {
                ("profile", settings.ProfileName + (settings.ProfileExists ? "" : " (not in the file: built-in defaults)")),
                ("file", ProfileFile.PathFromEnvironment()),
            };
            values.AddRange(settings.Endpoints.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => ($"{e.Key}-url", e.Value)));
            // Enough to tell tokens apart, not enough to use one read over a shoulder or from a log.
            values.Add(("token", settings.Token is { Length: > 0 } t ? $"{t[..Math.Min(12, t.Length)]}... ({t.Length} characters)" : "(none)"));
            new Output(parse.GetValue(GlobalOptions.Output) == "json", Console.Out).Values(values);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Use()
    {
        var name = new Argument<string>("name") { Description = "The profile to make current" };
        var command = new Command("use", "Make a profile the current one").With(name);
        command.SetAction(parse =>
        {
            var path = ProfileFile.PathFromEnvironment();
            var file = ProfileFile.Load(path);
            var profileName = parse.GetRequiredValue(name);
            if (!file.Profiles.ContainsKey(profileName))
                throw new UsageException($"No profile named '{profileName}' in {path} (create it with: profile set {profileName} ...).");
            file.Current = profileName;
            file.Save(path);
            Console.WriteLine($"Now using profile '{profileName}'.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "The profiles in the file; * marks the current one");
        command.SetAction(_ =>
        {
            var file = ProfileFile.Load(ProfileFile.PathFromEnvironment());
            foreach (var name in file.Profiles.Keys) Console.WriteLine($"{(name == file.Current ? "*" : " ")} {name}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
