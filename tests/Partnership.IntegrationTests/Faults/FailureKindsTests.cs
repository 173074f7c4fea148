using Grpc.Core;
using Partnership.EventSourcing;
using Partnership.Messaging;

namespace Partnership.IntegrationTests.Faults;

/// <summary>Which failed messages wait in the broker and which go to the _error queue at once.</summary>
public sealed class FailureKindsTests
{
    public static TheoryData<Exception, bool> Cases => new()
    {
        { new TimeoutException("PostgreSQL did not answer"), false },
        { new Npgsql.NpgsqlException("connection refused"), false },
        { new RpcException(new Status(StatusCode.Unavailable, "peer down")), false },
        { new RpcException(new Status(StatusCode.DeadlineExceeded, "slow peer")), false },
        { new InvalidOperationException("wrapped", new TimeoutException()), false },
        { DomainException.NotFound("the subaccount has not arrived yet"), false },
        { DomainException.Precondition("not yet active"), false },
        { DomainException.Invalid("email", "not an address"), true },
        { DomainException.AlreadyExists("there already"), true },
        { new RpcException(new Status(StatusCode.InvalidArgument, "bad field")), true },
        { new System.Text.Json.JsonException("not JSON"), true },
        { new System.Runtime.Serialization.SerializationException("unreadable envelope"), true },
        { new InvalidOperationException("outer", DomainException.Denied("not yours")), true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_a_failure_that_can_never_pass_is_permanent(Exception failure, bool permanent) =>
        Assert.Equal(permanent, FailureKinds.IsPermanent(failure));
}
