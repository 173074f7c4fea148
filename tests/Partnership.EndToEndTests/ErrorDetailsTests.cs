using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using Partnership.Contracts.Customers.V1;

namespace Partnership.EndToEndTests;

/// <summary>
/// Every refusal carries a google.rpc.Status in grpc-status-details-bin: an ErrorInfo with the reason and our domain,
/// and for a field at fault a BadRequest naming it. The code, detail and invalid-field trailer stay as they were.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ErrorDetailsTests(PartnershipSystem system)
{
    private const string Domain = "partnership.cloud.yandex.ru";

    [Fact]
    public async Task A_missing_token_is_TOKEN_MISSING()
    {
        var error = await Scenario.Refused(() => system.Customers.ListCustomersAsync(new ListCustomersRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("A bearer token for an account is required.", error.Status.Detail);
        Assert.Equal("TOKEN_MISSING", Info(error).Reason);
    }

    [Fact]
    public async Task A_missing_token_on_a_server_streaming_call_is_TOKEN_MISSING()
    {
        using var call = system.Customers.WatchCustomer(new WatchCustomerRequest { CustomerId = "cst00000000000000000" });
        var error = await Scenario.Refused(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("TOKEN_MISSING", Info(error).Reason);
    }

    [Fact]
    public async Task An_expired_token_is_TOKEN_EXPIRED()
    {
        var token = (await Forger()).WithIssuerKey(ForgedTokens.Claims(DateTimeOffset.UtcNow.AddSeconds(-890), TimeSpan.FromMinutes(10)));
        var error = await Scenario.Refused(() => system.Customers.ListCustomersAsync(new ListCustomersRequest(), Bearer(token)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("The bearer token was refused: it has expired.", error.Status.Detail);
        Assert.Equal("TOKEN_EXPIRED", Info(error).Reason);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_TOKEN_INVALID()
    {
        var token = (await Forger()).WithOtherEcKey(ForgedTokens.Valid());
        var error = await Scenario.Refused(() => system.Customers.ListCustomersAsync(new ListCustomersRequest(), Bearer(token)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.StartsWith("The bearer token was refused: ", error.Status.Detail);
        Assert.Equal("TOKEN_INVALID", Info(error).Reason);
    }

    // "" is refused by the domain, a control character by the input guard before any handler: both say the same way.
    [Theory]
    [InlineData("")]
    [InlineData("Bad\u0001Name")]
    public async Task An_invalid_field_is_FIELD_INVALID_with_a_field_violation(string name)
    {
        var partner = await system.NewPartner();
        var error = await Scenario.Refused(() => system.Customers.CreateCustomerAsync(
            new CreateCustomerRequest { RequestId = "r1", Name = name, Email = Scenario.UniqueEmail("c") }, partner.Auth).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("name", error.Trailers.GetValue("invalid-field"));
        var info = Info(error);
        Assert.Equal("FIELD_INVALID", info.Reason);
        Assert.Equal("name", info.Metadata["field"]);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("name", violation.Field);
        Assert.Equal(error.Status.Detail, "name: " + violation.Description);
    }

    [Fact]
    public async Task Not_found_and_not_yours_carry_the_same_NOT_FOUND_details()
    {
        var partner = await system.NewPartner();
        var created = await system.AddCustomer(partner, await system.RegisterAccount("customer"));
        var stranger = await system.NewPartner();
        const string ghost = "cst00000000000000000";
        var notYours = await Scenario.Refused(() => Get(created.CustomerId, stranger));
        var notThere = await Scenario.Refused(() => Get(ghost, stranger));
        Assert.Equal(StatusCode.NotFound, notYours.StatusCode);
        Assert.Equal("NOT_FOUND", Info(notYours).Reason);
        Assert.Equal(Describe(notThere).Replace(ghost, created.CustomerId), Describe(notYours));
    }

    [Fact]
    public async Task A_server_streaming_call_for_a_record_not_there_is_NOT_FOUND()
    {
        var partner = await system.NewPartner();
        using var call = system.Customers.WatchCustomer(new WatchCustomerRequest { CustomerId = "cst00000000000000000" }, partner.Auth);
        var error = await Scenario.Refused(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("NOT_FOUND", Info(error).Reason);
    }

    [Fact]
    public async Task A_non_partner_creating_a_customer_is_NO_PARTNER_STATUS()
    {
        var account = await system.RegisterAccount("not-a-partner");
        var error = await Scenario.Refused(() => system.AddCustomer(account, account));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("NO_PARTNER_STATUS", Info(error).Reason);
    }

    [Fact]
    public async Task A_partner_in_trial_mode_is_PAID_MODE_REQUIRED()
    {
        var partner = await system.NewPartner(paid: false);
        var customer = await system.RegisterAccount("customer");
        var error = await Scenario.Refused(() => system.AddCustomer(partner, customer));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("PAID_MODE_REQUIRED", Info(error).Reason);
    }

    [Fact]
    public async Task An_operator_only_rpc_called_by_an_account_is_PERMISSION_DENIED()
    {
        var account = await system.RegisterAccount("plain");
        var error = await Scenario.Refused(() => system.Customers.SuspendPartnershipAsync(
            new SuspendPartnershipRequest { CustomerId = "cst00000000000000000" }, account.Auth).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("PERMISSION_DENIED", Info(error).Reason);
    }

    /// <summary>The one ErrorInfo of the status the trailer carries, whose code and message match the call's status.</summary>
    private static ErrorInfo Info(RpcException error)
    {
        var status = error.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal((int)error.StatusCode, status.Code);
        Assert.Equal(error.Status.Detail, status.Message);
        var info = status.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal(Domain, info.Domain);
        return info;
    }

    private static string Describe(RpcException error) => error.GetRpcStatus()!.ToString();

    private Task<Customer> Get(string customerId, Account caller) =>
        system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = customerId }, caller.Auth).ResponseAsync;

    private static Metadata Bearer(string token) => new() { { "Authorization", "Bearer " + token } };

    private async Task<ForgedTokens> Forger()
    {
        using var http = new HttpClient { BaseAddress = system.IssuerAddress };
        using var jwks = JsonDocument.Parse(await http.GetStringAsync("/.well-known/jwks.json"));
        return new ForgedTokens(system.IssuerKey, jwks.RootElement.GetProperty("keys")[0].GetProperty("kid").GetString()!);
    }
}
