namespace Partnership.EndToEndTests.Cli;

/// <summary>The CLI's own surface: needs no running system, so it runs outside the system collection.</summary>
public sealed class CliHelpTests : IDisposable
{
    private readonly CliProcess _cli = new();

    [Fact]
    public async Task Every_command_answers_help_with_exit_code_0()
    {
        var commands = await Discover([]);
        // The tree as the task names it, found by walking the help itself (so a command added later is covered too).
        foreach (var expected in new[]
                 {
                     "customers create", "customers list", "customers get", "customers invite-link", "customers watch", "clouds list",
                     "clouds check", "clouds link", "access-bindings list", "access-bindings update", "billing-accounts get",
                     "billing-accounts list", "deliveries list", "events tail", "profile set", "profile show", "profile use", "token",
                     "demo", "redrive", "accounts register", "accounts assign-partner-status", "billing-accounts switch-to-paid",
                     "customers accept", "customers history",
                 })
            Assert.Contains(expected, commands);
    }

    [Fact]
    public async Task The_root_help_documents_the_exit_codes()
    {
        var help = await _cli.Run("--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var line in new[] { "0  ok", "2  usage", "3  INVALID_ARGUMENT", "4  NOT_FOUND", "6  UNAUTHENTICATED", "7  UNAVAILABLE" })
            Assert.Contains(line, help.Stdout);
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("customers")]
    [InlineData("customers", "get")]
    [InlineData("customers", "create", "--name", "Acme LLC")]
    [InlineData("customers", "list", "--status", "HAPPY")]
    [InlineData("customers", "list", "--output", "xml")]
    [InlineData("customers", "list", "--page-size", "many")]
    [InlineData("customers", "watch", "c1", "--until", "HAPPY")]
    [InlineData("access-bindings", "update", "--resource-type", "cloud", "--resource-id", "b1g")]
    [InlineData("events", "tail", "--service", "accounting")]
    [InlineData("events", "tail", "--service", "customer", "--limit", "0")]
    [InlineData("customers", "list", "--profile", "nobody-made-this-one")]
    [InlineData("profile", "use", "nobody-made-this-one")]
    public async Task A_usage_error_exits_2_and_says_what_is_wrong(params string[] args)
    {
        var result = await _cli.Run(args);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.NotEqual("", result.Stderr.Trim());
    }

    [Fact]
    public async Task A_service_that_does_not_answer_exits_7()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        _cli.Environment["PARTNERSHIP_CUSTOMER_URL"] = $"http://127.0.0.1:{port}";

        var result = await _cli.Run("customers", "list");

        Assert.True(result.ExitCode == 7, result.ToString());
        Assert.Contains("error: UNAVAILABLE", result.Stderr);
    }

    [Fact]
    public async Task Profiles_are_set_shown_and_switched_and_the_environment_overrides_them()
    {
        Assert.Equal(0, (await _cli.Run("profile", "set", "partner", "--customer-url", "http://127.0.0.1:6111", "--token", "partner-token")).ExitCode);
        Assert.Equal(0, (await _cli.Run("profile", "set", "ops", "--customer-url", "http://127.0.0.1:7111", "--token", "ops-token")).ExitCode);

        var shown = await Show();
        Assert.Equal("partner", shown.GetProperty("profile").GetString());
        Assert.Equal("http://127.0.0.1:6111", shown.GetProperty("customer-url").GetString());
        Assert.Equal("http://127.0.0.1:5131", shown.GetProperty("billing-url").GetString());
        Assert.StartsWith("partner-toke", shown.GetProperty("token").GetString());
        Assert.DoesNotContain("partner-token", shown.GetProperty("token").GetString());

        Assert.Equal(0, (await _cli.Run("profile", "use", "ops")).ExitCode);
        Assert.Equal("http://127.0.0.1:7111", (await Show()).GetProperty("customer-url").GetString());
        Assert.Equal("http://127.0.0.1:6111", (await Show("--profile", "partner")).GetProperty("customer-url").GetString());

        _cli.Environment["PARTNERSHIP_CUSTOMER_URL"] = "http://127.0.0.1:8111";
        Assert.Equal("http://127.0.0.1:8111", (await Show()).GetProperty("customer-url").GetString());
    }

    private async Task<System.Text.Json.JsonElement> Show(params string[] more)
    {
        var result = await _cli.Run(["profile", "show", "--output", "json", .. more]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement;
    }

    /// <summary>Runs --help on the command and each subcommand its help lists, asserting exit 0 on each; returns the paths.</summary>
    private async Task<List<string>> Discover(string[] path)
    {
        var help = await _cli.Run([.. path, "--help"]);
        Assert.True(help.ExitCode == 0, $"{string.Join(' ', path)} --help: {help}");
        Assert.Contains("Usage:", help.Stdout);
        var found = new List<string> { string.Join(' ', path) };
        foreach (var sub in Subcommands(help.Stdout)) found.AddRange(await Discover([.. path, sub]));
        return found;
    }

    private static IEnumerable<string> Subcommands(string help) =>
        help.Split('\n').SkipWhile(line => !line.StartsWith("Commands:", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(line => line.Trim() != "")
            // A wrapped description continues deeper in; a command's line is indented two spaces.
            .Where(line => line.StartsWith("  ", StringComparison.Ordinal) && line[2] != ' ')
            .Select(line => line.Trim().Split(' ')[0]);

    public void Dispose() => _cli.Dispose();
}
