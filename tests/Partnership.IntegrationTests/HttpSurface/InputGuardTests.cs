using Grpc.Core;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.ServiceDefaults.Grpc.Input;

namespace Partnership.IntegrationTests.HttpSurface;

public sealed class InputGuardTests
{
    private static readonly InputLimits Limits = new();

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("line\nbreak")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085")]
    public void A_control_character_is_refused_naming_the_field(string query)
    {
        var violation = InputGuard.Check(new ListCustomersRequest { Query = query }, Limits);
        Assert.Equal(new InputViolation("query", "must not contain control characters."), violation);
    }

    [Fact]
    public void Nested_and_repeated_fields_are_named_by_their_path()
    {
        var request = new UpdateAccessBindingsRequest
        {
            ResourceType = ResourceType.Cloud, ResourceId = "b1g",
            Deltas =
            {
                new AccessBindingDelta { Action = AccessBindingDelta.Types.Action.Add, SubjectAccountId = "aje1" },
                new AccessBindingDelta { Action = AccessBindingDelta.Types.Action.Add, SubjectAccountId = "aje2", RoleId = "ad\u0000min" },
            },
        };
        Assert.Equal("deltas[1].role_id", InputGuard.Check(request, Limits)?.Field);
        Assert.Equal("role_ids[2]", InputGuard.Check(new CheckAccessRequest { RoleIds = { "a", "b", "c\u0001" } }, Limits)?.Field);
    }

    [Fact]
    public void Strings_and_lists_are_bounded()
    {
        var longest = new GetAccountRequest { AccountId = new string('a', Limits.MaxStringLength) };
        Assert.Null(InputGuard.Check(longest, Limits));
        var tooLong = new GetAccountRequest { AccountId = new string('a', Limits.MaxStringLength + 1) };
        Assert.Equal(new InputViolation("account_id", "must be at most 1024 characters."), InputGuard.Check(tooLong, Limits));
        var many = new CheckAccessRequest();
        many.RoleIds.AddRange(Enumerable.Repeat("viewer", Limits.MaxRepeatedCount + 1));
        Assert.Equal("role_ids", InputGuard.Check(many, Limits)?.Field);
    }

    [Fact]
    public void Undefined_enum_numbers_and_broken_utf16_are_refused()
    {
        Assert.Equal("status", InputGuard.Check(new ListCustomersRequest { Status = (CustomerStatus)42 }, Limits)?.Field);
        Assert.Equal(new InputViolation("name", "must be valid Unicode text."),
            InputGuard.Check(new CreateCustomerRequest { Name = "lone\ud800surrogate" }, Limits));
        Assert.Null(InputGuard.Check(new CreateCustomerRequest { RequestId = "r", Name = "Акме 🚀 LLC", Email = "a@b.ru" }, Limits));
    }

    [Fact]
    public async Task Through_the_server_a_nul_in_the_query_is_invalid_argument_with_the_field_trailer()
    {
        await using var host = await SurfaceHost.Start();
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Customers.ListCustomersAsync(new ListCustomersRequest { Query = "a\u0000b" }, SurfaceHost.Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("query:", error.Status.Detail);
        Assert.Equal("query", error.Trailers.GetValue("invalid-field"));
    }
}
