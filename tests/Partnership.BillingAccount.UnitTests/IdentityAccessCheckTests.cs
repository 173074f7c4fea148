using Grpc.Core;
using Partnership.BillingAccount.Clouds.Linking;
using Partnership.Contracts.Identity.V1;
using Polly.Timeout;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;

namespace Partnership.BillingAccount.UnitTests;

/// <summary>When Identity/Roles cannot answer, the link fails UNAVAILABLE; when it answers, its answer is used as given.</summary>
public class IdentityAccessCheckTests
{
    private sealed class FakeIdentity(Func<CheckAccessRequest, Task<CheckAccessResponse>> answer) : CallInvoker
    {
        public CheckAccessRequest? Asked { get; private set; }

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host,
            CallOptions options, TRequest request)
        {
            Asked = (CheckAccessRequest)(object)request;
            var asked = Asked;
            async Task<TResponse> Respond() => (TResponse)(object)await answer(asked);
            return new AsyncUnaryCall<TResponse>(Respond(), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options,
            TRequest request) => throw new NotSupportedException();

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method,
            string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
    }

    private static Task<Domain.RoleCheck> Ask(FakeIdentity identity) =>
        new IdentityAccessCheck(new AccessBindings.AccessBindingsClient(identity))
            .Check("cloud", CloudId, Partner, CloudRoles, CancellationToken.None);

    [Fact]
    public async Task The_answer_is_used_as_given_and_the_question_names_the_resource_subject_and_roles()
    {
        var identity = new FakeIdentity(_ => Task.FromResult(new CheckAccessResponse { Allowed = true, HeldRoleIds = { "viewer", "editor" } }));
        var check = await Ask(identity);
        Assert.True(check.Allowed);
        Assert.Equal(["editor", "viewer"], check.HeldRoleIds);
        Assert.Equal(ResourceType.Cloud, identity.Asked!.ResourceType);
        Assert.Equal(CloudId, identity.Asked.ResourceId);
        Assert.Equal(Partner, identity.Asked.SubjectAccountId);
        Assert.Equal(CloudRoles, identity.Asked.RoleIds);
    }

    public static TheoryData<Exception> CannotAnswer() =>
    [
        new RpcException(new Status(StatusCode.Unavailable, "down")),
        new RpcException(new Status(StatusCode.DeadlineExceeded, "slow")),
        new RpcException(new Status(StatusCode.Unimplemented, "old instance")),
        new RpcException(new Status(StatusCode.Internal, "resilience gave up", new TimeoutRejectedException())),
        new RpcException(new Status(StatusCode.Internal, "no connection", new HttpRequestException("refused"))),
        new HttpRequestException("refused"),
    ];

    [Theory]
    [MemberData(nameof(CannotAnswer))]
    public async Task When_identity_cannot_answer_the_link_is_unavailable(Exception failure)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Ask(new FakeIdentity(_ => Task.FromException<CheckAccessResponse>(failure))));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("nothing changed", error.Status.Detail);
    }

    [Fact]
    public async Task A_refusal_from_identity_is_not_mistaken_for_an_outage()
    {
        var refusal = new RpcException(new Status(StatusCode.PermissionDenied, "not yours to ask"));
        var error = await Assert.ThrowsAsync<RpcException>(() => Ask(new FakeIdentity(_ => Task.FromException<CheckAccessResponse>(refusal))));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }
}
