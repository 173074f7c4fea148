using System.Net;
using System.Text.Json.Nodes;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests.Http;

/// <summary>
/// The onboarding of the README, as a web front end would drive it: plain HTTP/1.1 and JSON on each service's HTTP port
/// (gRPC JSON transcoding of the google.api.http routes), tokens from the issuer's form endpoint, nothing else.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class JsonOnboardingTests(PartnershipSystem system) : IDisposable
{
    private readonly JsonApi _api = new(system);

    public void Dispose() => _api.Dispose();

    private async Task<(string Id, string Email, string Token)> Register(string who, string operatorToken)
    {
        var email = Scenario.UniqueEmail(who);
        var account = (await _api.Post("identity", "/v1/accounts", operatorToken, new { email, displayName = who })).Is(HttpStatusCode.OK);
        Assert.Equal(email, account.Str("email"));
        Assert.Matches("^aje[0-9a-z]{17}$", account.Str("accountId"));
        return (account.Str("accountId"), email, await _api.Token(account.Str("accountId")));
    }

    [Fact]
    public async Task A_partner_in_paid_mode_adds_a_customer_who_accepts_and_becomes_active_over_json_alone()
    {
        var operatorToken = await _api.Token(PartnershipSystem.OperatorId, asOperator: true);
        var partner = await Register("partner", operatorToken);
        var customer = await Register("customer", operatorToken);

        // Partner status (an operator's call), then paid consumption on the partner's own billing account.
        var withStatus = (await _api.Post("identity", $"/v1/accounts/{partner.Id}:assignPartnerStatus", operatorToken)).Is(HttpStatusCode.OK);
        Assert.True(withStatus["partner"].GetValue<bool>());
        // The billing account is opened when Billing-Account hears of the registration: NOT_FOUND (404) until then.
        var billing = await Eventually.Get(() => _api.Get("billing", "/v1/me/billingAccount", partner.Token),
            r => r.Status != HttpStatusCode.NotFound, what: "the partner's billing account");
        billing.Is(HttpStatusCode.OK);
        Assert.Equal("TRIAL", billing.Str("mode"));
        Assert.Equal("4000.00", billing["initialGrant"]["amount"]!.GetValue<string>());
        var paid = (await _api.Post("billing", "/v1/me/billingAccount:switchToPaidConsumption", partner.Token)).Is(HttpStatusCode.OK);
        Assert.Equal("PAID", paid.Str("mode"));
        Assert.Equal("4000.00", paid["initialGrant"]["amount"]!.GetValue<string>());

        // The partner adds the customer by the email of its account.
        var created = (await _api.Post("customer", "/v1/customers", partner.Token,
            new { requestId = Guid.NewGuid().ToString(), name = "Acme LLC", email = customer.Email })).Is(HttpStatusCode.OK);
        Assert.Equal("VERIFICATION_REQUIRED", created.Str("status"));
        Assert.Equal(customer.Id, created.Str("customerAccountId"));
        Assert.Equal(partner.Id, created.Str("partnerAccountId"));
        var customerId = created.Str("customerId");

        var provisioned = await Eventually.Get(() => _api.Get("customer", $"/v1/customers/{customerId}", partner.Token),
            r => r.Status == HttpStatusCode.OK && r.Str("subaccountId") != "" && r.Str("organizationId") != "",
            what: "the subaccount and organization on the record");
        var subaccountId = provisioned.Str("subaccountId");
        Assert.Matches("^dn2[0-9a-z]{17}$", subaccountId);
        var organization = (await _api.Get("identity", $"/v1/organizations/{provisioned.Str("organizationId")}", partner.Token)).Is(HttpStatusCode.OK);
        Assert.Equal("For subaccount 'Acme LLC'", organization.Str("name"));

        // The confirmation email reaches the customer with the invite link the API gives the partner.
        var link = $"https://partners.cloud.yandex.ru/invite/accept/{subaccountId}";
        var mail = await Eventually.Get(() => Task.FromResult(system.Smtp.To(customer.Email)), m => m.Count > 0, what: "the confirmation email");
        Assert.Contains(link, Assert.Single(mail).Text);
        var invite = (await _api.Get("customer", $"/v1/customers/{customerId}/inviteLink", partner.Token)).Is(HttpStatusCode.OK);
        Assert.Equal(link, invite.Str("url"));

        // The customer accepts: ACTIVE, for the partner too.
        var accepted = (await _api.Post("customer", $"/v1/invitations/{subaccountId}:accept", customer.Token)).Is(HttpStatusCode.OK);
        Assert.Equal("ACTIVE", accepted.Str("status"));
        Assert.NotNull(accepted.Body?["confirmTime"]);
        var reread = (await _api.Get("customer", $"/v1/customers/{customerId}", partner.Token)).Is(HttpStatusCode.OK);
        Assert.Equal("ACTIVE", reread.Str("status"));
        // Lists read the CustomerView read model, which follows the record a moment later.
        await Eventually.Get(() => _api.Get("customer", "/v1/customers?status=ACTIVE&pageSize=10", partner.Token),
            r => r.Is(HttpStatusCode.OK)["customers"].AsArray().Select(c => c!["customerId"]!.GetValue<string>()).SequenceEqual([customerId]),
            what: "the customer among the partner's ACTIVE customers");
        var history = (await _api.Get("customer", $"/v1/customers/{customerId}/history", partner.Token)).Is(HttpStatusCode.OK);
        Assert.Contains(history["entries"].AsArray(), e => e!["change"]!.GetValue<string>() == "partnership-confirmed");
        // The customer sees the subaccount among its billing accounts.
        var accounts = (await _api.Get("billing", "/v1/billingAccounts", customer.Token)).Is(HttpStatusCode.OK);
        Assert.Contains(accounts["billingAccounts"].AsArray(),
            b => b!["billingAccountId"]!.GetValue<string>() == subaccountId && b["kind"]!.GetValue<string>() == "PARTNER_SUBACCOUNT");
    }

    [Fact]
    public async Task Without_a_token_a_json_call_is_401_with_the_error_details_and_a_bearer_challenge()
    {
        var reply = (await _api.Post("customer", "/v1/customers", token: null,
            new { requestId = "r1", name = "Acme LLC", email = "c@yandex.ru" })).Is(HttpStatusCode.Unauthorized);
        Assert.Equal("application/json", reply.MediaType);
        Assert.Equal(16, reply["code"].GetValue<int>());
        Assert.Equal("A bearer token for an account is required.", reply.Str("message"));
        Assert.Equal("TOKEN_MISSING", reply.Reason);
        Assert.Equal("partnership.cloud.yandex.ru", reply.Detail("google.rpc.ErrorInfo")["domain"]!.GetValue<string>());
        Assert.Equal("Bearer", reply.WwwAuthenticate);

        var garbage = (await _api.Get("customer", "/v1/customers", "not-a-jwt")).Is(HttpStatusCode.Unauthorized);
        Assert.Equal("TOKEN_INVALID", garbage.Reason);
        Assert.Equal("Bearer error=\"invalid_token\"", garbage.WwwAuthenticate);
    }

    [Fact]
    public async Task A_bad_field_is_400_naming_the_field_and_a_body_that_is_not_the_request_is_400_request_malformed()
    {
        var partner = await system.NewPartner();
        var empty = (await _api.Post("customer", "/v1/customers", partner.Token,
            new { requestId = "r1", name = "", email = Scenario.UniqueEmail("c") })).Is(HttpStatusCode.BadRequest);
        Assert.Equal(3, empty["code"].GetValue<int>());
        Assert.StartsWith("name: ", empty.Str("message"));
        Assert.Equal("FIELD_INVALID", empty.Reason);
        Assert.Equal("name", empty.Detail("google.rpc.ErrorInfo")["metadata"]!["field"]!.GetValue<string>());
        var violation = Assert.Single(empty.Detail("google.rpc.BadRequest")["fieldViolations"]!.AsArray());
        Assert.Equal("name", violation!["field"]!.GetValue<string>());

        // The input guard, before any handler, names the field the same way (a query parameter here).
        var control = (await _api.Get("customer", "/v1/customers?query=a%01b", partner.Token)).Is(HttpStatusCode.BadRequest);
        Assert.Equal("query", control.Detail("google.rpc.ErrorInfo")["metadata"]!["field"]!.GetValue<string>());

        var malformed = (await _api.Send("customer", HttpMethod.Post, "/v1/customers", partner.Token, "{\"name\": ")).Is(HttpStatusCode.BadRequest);
        Assert.Equal("REQUEST_MALFORMED", malformed.Reason);
        var badNumber = (await _api.Get("customer", "/v1/customers?pageSize=many", partner.Token)).Is(HttpStatusCode.BadRequest);
        Assert.Equal("REQUEST_MALFORMED", badNumber.Reason);
    }

    /// <summary>The caller policy (a gRPC interceptor) judges a JSON call exactly as a gRPC one; codes map to HTTP statuses.</summary>
    [Fact]
    public async Task The_caller_policy_and_the_decisions_answer_json_calls_with_the_mapped_http_status()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var created = (await _api.Post("customer", "/v1/customers", partner.Token,
            new { requestId = Guid.NewGuid().ToString(), name = "Acme LLC", email = customer.Email })).Is(HttpStatusCode.OK);
        var customerId = created.Str("customerId");

        // Not a partner: the policy refuses before the handler (PERMISSION_DENIED -> 403).
        var plain = await system.RegisterAccount("plain");
        var noStatus = (await _api.Post("customer", "/v1/customers", plain.Token,
            new { requestId = "r1", name = "Acme LLC", email = customer.Email })).Is(HttpStatusCode.Forbidden);
        Assert.Equal("NO_PARTNER_STATUS", noStatus.Reason);
        // Operators only.
        var notOperator = (await _api.Post("customer", $"/v1/customers/{customerId}:suspendPartnership", partner.Token)).Is(HttpStatusCode.Forbidden);
        Assert.Equal("PERMISSION_DENIED", notOperator.Reason);
        // Another partner's record answers as no record (NOT_FOUND -> 404), the same body either way.
        var stranger = await system.NewPartner();
        var notYours = (await _api.Get("customer", $"/v1/customers/{customerId}", stranger.Token)).Is(HttpStatusCode.NotFound);
        var notThere = (await _api.Get("customer", "/v1/customers/cst00000000000000000", stranger.Token)).Is(HttpStatusCode.NotFound);
        Assert.Equal(notThere.Text.Replace("cst00000000000000000", customerId), notYours.Text);
        // A partner in trial mode (FAILED_PRECONDITION -> 400).
        var trial = await system.NewPartner(paid: false);
        var unpaid = (await _api.Post("customer", "/v1/customers", trial.Token,
            new { requestId = "r1", name = "Acme LLC", email = customer.Email })).Is(HttpStatusCode.BadRequest);
        Assert.Equal(9, unpaid["code"].GetValue<int>());
        Assert.Equal("PAID_MODE_REQUIRED", unpaid.Reason);
        // Creating the same customer again (ALREADY_EXISTS -> 409).
        var again = (await _api.Post("customer", "/v1/customers", partner.Token,
            new { requestId = Guid.NewGuid().ToString(), name = "Acme LLC", email = customer.Email })).Is(HttpStatusCode.Conflict);
        Assert.Equal("ALREADY_EXISTS", again.Reason);
    }

    /// <summary>A server-streaming RPC over HTTP: the record at once, then each change, one JSON object a line.</summary>
    [Fact]
    public async Task WatchCustomer_over_http_streams_the_record_as_json()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var created = (await _api.Post("customer", "/v1/customers", partner.Token,
            new { requestId = Guid.NewGuid().ToString(), name = "Acme LLC", email = customer.Email })).Is(HttpStatusCode.OK);
        var customerId = created.Str("customerId");

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/customers/{customerId}:watch");
        request.Headers.Authorization = new("Bearer", partner.Token);
        using var response = await _api.Client("customer").SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        // One JSON object a line, each as it is sent; the call stays open for the next change.
        async Task<JsonNode> Next(Func<JsonNode, bool> until)
        {
            while (true)
            {
                var line = await reader.ReadLineAsync(cancel.Token) ?? throw new Xunit.Sdk.XunitException("The watch ended.");
                var record = JsonNode.Parse(line)!;
                Assert.Equal(customerId, record["customerId"]!.GetValue<string>());
                if (until(record)) return record;
            }
        }
        var first = await Next(_ => true);
        Assert.Equal("VERIFICATION_REQUIRED", first["status"]!.GetValue<string>());
        var provisioned = await Next(r => r["provisioning"]!.GetValue<string>() == "COMPLETE");
        (await _api.Post("customer", $"/v1/invitations/{provisioned["subaccountId"]!.GetValue<string>()}:accept", customer.Token)).Is(HttpStatusCode.OK);
        var active = await Next(r => r["status"]!.GetValue<string>() == "ACTIVE");
        Assert.True(active["version"]!.GetValue<long>() > provisioned["version"]!.GetValue<long>());
    }
}
