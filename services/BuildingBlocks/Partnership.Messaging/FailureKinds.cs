using System.Text.Json;
using Grpc.Core;
using Partnership.EventSourcing;

namespace Partnership.Messaging;

/// <summary>
/// Whether a failed message can ever succeed. Permanent: it cannot be read (deserialization), or the domain refused it
/// for a reason that time does not change. Everything else (PostgreSQL away, a timeout, a peer UNAVAILABLE, a missing
/// record that may still arrive) waits in the broker and is tried again.
/// </summary>
public static class FailureKinds
{
    public static bool IsPermanent(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case System.Runtime.Serialization.SerializationException or JsonException or FormatException or NotSupportedException:
                    return true;
                // NotFound and FailedPrecondition can follow from order: the record or state may arrive with a later message.
                case DomainException d:
                    return d.Kind is not (DomainErrorKind.NotFound or DomainErrorKind.FailedPrecondition);
                case RpcException r:
                    return r.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.Unauthenticated
                        or StatusCode.AlreadyExists;
                case AggregateException a when a.InnerExceptions.Count == 1:
                    return IsPermanent(a.InnerExceptions[0]);
            }
        }
        return false;
    }
}
