using System.Text.Json;
using Aspire.Hosting.Testing;
using Xunit.Abstractions;
using Partnership.IntegrationTests.Platform;
using Partnership.Testing;

namespace Partnership.EndToEndTests.Cli;

/// <summary>The CLI as a process against the running system: a partner's onboarding, refusals and their exit codes, events.</summary>
[Collection(SystemCollection.Name)]
public sealed class CliSystemTests(PartnershipSystem system, ITestOutputHelper log) : IDisposable
{
    private readonly CliProcess _cli = new();

    [Fact]
    public async Task A_partner_onboards_a_customer_with_the_cli()
    {
        // The operator's part: tokens from the running issuer, accounts, partner status.
        _cli.Environment["PARTNERSHIP_IDENTITY_HTTP_URL"] = system.IssuerAddress.ToString();
        _cli.Environment["PARTNERSHIP_ISSUER_CLIENT_SECRET"] = system.ClientSecret;
        await UseProfile("ops", (await Ok("token", SystemUnderTest.OperatorId, "--operator")).Trim());
        var partner = Json(await Ok("accounts", "register", "--email", Scenario.UniqueEmail("partner"), "--display-name", "Integrator", "-o", "json"));
        var partnerId = partner.GetProperty("accountId").GetString()!;
        var customerAccount = Json(await Ok("accounts", "register", "--email", Scenario.UniqueEmail("customer"), "--display-name", "Acme", "-o", "json"));
        var customerEmail = customerAccount.GetProperty("email").GetString()!;
        Assert.True(Json(await Ok("accounts", "assign-partner-status", partnerId, "-o", "json")).GetProperty("partner").GetBoolean());

        // The partner's part, with its own profile.
        await UseProfile("partner", (await Ok("token", partnerId)).Trim());
        await Eventually.Get(() => _cli.Run("billing-accounts", "get"), r => r.ExitCode == 0, what: "the partner's billing account");
        Assert.Equal("PAID", Json(await Ok("billing-accounts", "switch-to-paid", "-o", "json")).GetProperty("mode").GetString());

        var created = Json(await Ok("customers", "create", "--name", "Acme LLC", "--email", customerEmail, "--output", "json"));
        var customerId = created.GetProperty("customerId").GetString()!;
        Assert.Equal("VERIFICATION_REQUIRED", created.GetProperty("status").GetString());
        Assert.Equal(partnerId, created.GetProperty("partnerAccountId").GetString());

        var listed = Json(await Ok("customers", "list", "--output", "json"));
        Assert.Contains(listed.GetProperty("customers").EnumerateArray(), c => c.GetProperty("customerId").GetString() == customerId);
        // Every field is there, defaults included, so a script can rely on the keys.
        Assert.Equal("", listed.GetProperty("nextPageToken").GetString());

        var table = await Ok("customers", "get", customerId);
        Assert.Contains(customerId, table);
        Assert.Contains("VERIFICATION_REQUIRED", table);
        Assert.Contains("Acme LLC", table);

        // The invite link needs the subaccount: wait for it the way a script would.
        var watched = (await Ok("customers", "watch", customerId, "--until", "provisioned", "--output", "json"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Json).ToList();
        var provisioned = watched[^1];
        Assert.Equal("COMPLETE", provisioned.GetProperty("provisioning").GetString());
        var subaccountId = provisioned.GetProperty("subaccountId").GetString()!;
        Assert.StartsWith("dn2", subaccountId);

        var link = Json(await Ok("customers", "invite-link", customerId, "--output", "json"));
        Assert.Equal(subaccountId, link.GetProperty("subaccountId").GetString());
        Assert.EndsWith("/invite/accept/" + subaccountId, link.GetProperty("url").GetString());

        var accounts = Json(await Ok("billing-accounts", "list", "--all", "--page-size", "1", "--output", "json"));
        Assert.Contains(accounts.GetProperty("billingAccounts").EnumerateArray(), b => b.GetProperty("billingAccountId").GetString() == subaccountId);
        var bindings = await Ok("access-bindings", "list", "--resource-type", "billing-account", "--resource-id", subaccountId);
        Assert.Contains("billing.accounts.owner", bindings);

        // The customer's part: it follows the link.
        await UseProfile("customer", (await Ok("token", customerAccount.GetProperty("accountId").GetString()!)).Trim());
        Assert.Equal("ACTIVE", Json(await Ok("customers", "accept", subaccountId, "-o", "json")).GetProperty("status").GetString());
        var history = await Ok("customers", "history", customerId);
        Assert.Contains("partnership-confirmed", history);
    }

    [Fact]
    public async Task The_partner_grants_and_revokes_a_role_and_an_operator_sees_the_delivery()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var colleague = await system.RegisterAccount("colleague");
        var created = await system.Provisioned(partner, (await system.AddCustomer(partner, customer)).CustomerId);
        await UseProfile("partner", partner.Token);

        string[] target = ["--resource-type", "BILLING_ACCOUNT", "--resource-id", created.SubaccountId, "-o", "json"];
        var granted = Json(await Ok(["access-bindings", "update", "--add", colleague.Id, .. target]));
        Assert.Contains(granted.GetProperty("accessBindings").EnumerateArray(), b =>
            b.GetProperty("subjectAccountId").GetString() == colleague.Id && b.GetProperty("roleId").GetString() == "billing.accounts.viewer");
        var revoked = Json(await Ok(["access-bindings", "update", "--remove", $"{colleague.Id}:billing.accounts.viewer", .. target]));
        Assert.DoesNotContain(revoked.GetProperty("accessBindings").EnumerateArray(), b => b.GetProperty("subjectAccountId").GetString() == colleague.Id);

        await UseProfile("ops", system.Operator.Token);
        var deliveries = await Eventually.Get(async () => Json(await Ok("deliveries", "list", "--customer", created.CustomerId, "-o", "json")),
            d => d.GetProperty("deliveries").GetArrayLength() == 1, what: "the confirmation email's delivery");
        Assert.Equal(customer.Email, deliveries.GetProperty("deliveries")[0].GetProperty("recipient").GetString());
    }

    [Fact]
    public async Task A_record_that_is_not_there_exits_4_with_the_reason_on_stderr()
    {
        var partner = await system.NewPartner();
        await UseProfile("partner", partner.Token);

        var result = await _cli.Run("customers", "get", "cst00000000000000000");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("error: NOT_FOUND", result.Stderr);
        Assert.Contains("reason: NOT_FOUND", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Without_a_token_or_with_a_bad_one_a_command_exits_6_and_says_which()
    {
        await UseProfile("anonymous", token: null);
        var missing = await _cli.Run("customers", "list");
        Assert.True(missing.ExitCode == 6, missing.ToString());
        Assert.Contains("error: UNAUTHENTICATED", missing.Stderr);
        Assert.Contains("reason: TOKEN_MISSING", missing.Stderr);

        // The environment overrides the profile.
        _cli.Environment["PARTNERSHIP_TOKEN"] = "not-a-token";
        var invalid = await _cli.Run("customers", "list");
        Assert.True(invalid.ExitCode == 6, invalid.ToString());
        Assert.Contains("reason: TOKEN_INVALID", invalid.Stderr);
    }

    [Fact]
    public async Task Registering_a_taken_email_exits_5()
    {
        await UseProfile("ops", system.Operator.Token);
        var email = Scenario.UniqueEmail("twice");
        await Ok("accounts", "register", "--email", email, "--display-name", "Once");

        var again = await _cli.Run("accounts", "register", "--email", email, "--display-name", "Twice");

        Assert.True(again.ExitCode == 5, again.ToString());
        Assert.Contains("error: ALREADY_EXISTS", again.Stderr);
        Assert.Contains("reason: ALREADY_EXISTS", again.Stderr);
    }

    [Fact]
    public async Task A_bad_value_exits_3_naming_the_field()
    {
        var partner = await system.NewPartner();
        await UseProfile("partner", partner.Token);

        var result = await _cli.Run("customers", "list", "--page-token", "not-one-of-ours");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("reason: FIELD_INVALID", result.Stderr);
        Assert.Contains("page_token", result.Stderr);
    }

    [Fact]
    public async Task Events_tail_shows_the_customer_created_event_and_stops_after_the_limit()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var created = await system.AddCustomer(partner, customer);
        await UseProfile("ops", system.Operator.Token);

        // Follow the store from the start until this customer's event shows (other tests' customers come first).
        long position;
        using (var follow = _cli.Start("events", "tail", "--service", "customer", "--type", "partnership.customer-created.v1", "--output", "json"))
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            while (true)
            {
                var line = await follow.StandardOutput.ReadLineAsync(bound.Token)
                    ?? throw new Xunit.Sdk.XunitException("events tail ended: " + await follow.StandardError.ReadToEndAsync());
                var envelope = Json(line);
                Assert.Equal("partnership.customer-created.v1", envelope.GetProperty("eventType").GetString());
                if (!envelope.GetProperty("payloadJson").GetString()!.Contains(created.CustomerId)) continue;
                position = long.Parse(envelope.GetProperty("position").GetString()!);
                break;
            }
            follow.Kill(entireProcessTree: true);
        }

        // From just before it, with a limit: the same event, and the process ends by itself.
        var limited = await Ok("events", "tail", "--service", "customer", "--from", (position - 1).ToString(), "--limit", "1", "--output", "json");
        var only = Assert.Single(limited.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var again = Json(only);
        Assert.Equal(position.ToString(), again.GetProperty("position").GetString());
        Assert.Equal("customer", again.GetProperty("service").GetString());
        var payload = JsonDocument.Parse(again.GetProperty("payloadJson").GetString()!).RootElement;
        Assert.Equal(created.CustomerId, payload.GetProperty("customerId").GetString());

        // The table for people carries the same event on one line.
        var table = await Ok("events", "tail", "--service", "customer", "--from", (position - 1).ToString(), "--limit", "1");
        Assert.Contains("partnership.customer-created.v1", table);
        Assert.Contains(created.CustomerId, table);
    }

    /// <summary>A profile with this system's endpoints and the token, made current.</summary>
    private async Task UseProfile(string name, string? token)
    {
        List<string> args = ["profile", "set", name];
        foreach (var service in SystemUnderTest.Services) args.AddRange([$"--{service}-url", system.App.GetEndpoint(service, "grpc").ToString()]);
        if (token is not null) args.AddRange(["--token", token]);
        await Ok([.. args]);
        await Ok("profile", "use", name);
    }

    private async Task<string> Ok(params string[] args)
    {
        var result = await _cli.Run(args);
        log.WriteLine($"$ partnership {string.Join(' ', args.Select(a => a.Length > 60 ? a[..12] + "..." : a))}\n{result.Stdout}{result.Stderr}");
        Assert.True(result.ExitCode == 0, $"partnership {string.Join(' ', args)}: {result}");
        return result.Stdout;
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    public void Dispose() => _cli.Dispose();
}
