using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Partnership.EventSourcing;
using Status = Grpc.Core.Status;

namespace Partnership.ServiceDefaults.Grpc.Errors;

/// <summary>
/// Builds every refusal: the status code and detail as before, plus a google.rpc.Status in the
/// grpc-status-details-bin trailer with an ErrorInfo (reason, domain, metadata) and, for a field at fault, a BadRequest.
/// Clients that read only the code and detail see no change.
/// </summary>
public static class Refusal
{
    public const string DetailsTrailer = "grpc-status-details-bin";
    public const string InvalidFieldTrailer = "invalid-field";

    /// <param name="metadata">ErrorInfo metadata: only what the caller sent or may see, never whether a resource exists.</param>
    /// <param name="trailers">Trailers the refusal carried before details existed (kept as they were).</param>
    public static RpcException Create(StatusCode code, string detail, string reason, string? field = null,
        IReadOnlyDictionary<string, string>? metadata = null, Metadata? trailers = null)
    {
        var clamped = StatusDetail.Clamp(detail);
        var all = new Metadata();
        if (trailers is not null)
            foreach (var entry in trailers)
                if (entry.Key != DetailsTrailer) all.Add(entry);
        if (field is not null && all.Get(InvalidFieldTrailer) is null) all.Add(InvalidFieldTrailer, field);
        all.Add(DetailsTrailer, Details(code, clamped, reason, field, metadata).ToByteArray());
        return new RpcException(new Status(code, clamped), all);
    }

    public static Google.Rpc.Status Details(StatusCode code, string detail, string reason, string? field = null,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var info = new ErrorInfo { Reason = reason, Domain = ErrorReasons.Domain };
        if (metadata is not null) foreach (var (key, value) in metadata) info.Metadata[key] = value;
        if (field is not null) info.Metadata["field"] = field;
        var status = new Google.Rpc.Status { Code = (int)code, Message = detail, Details = { Any.Pack(info) } };
        if (field is not null)
        {
            // The detail reads "<field>: <why>"; the violation carries the why alone.
            var why = detail.StartsWith(field + ": ", StringComparison.Ordinal) ? detail[(field.Length + 2)..] : detail;
            status.Details.Add(Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = why } } }));
        }
        return status;
    }

    /// <summary>
    /// A status raised without details (a handler's own, or one passed on from another service that had none) gets
    /// the generic reason of its code, so that every refusal carries one.
    /// </summary>
    public static RpcException WithDetails(RpcException e)
    {
        if (HasDetails(e))
            return e.Status.Detail.Length <= StatusDetail.MaxLength ? e
                : new RpcException(new Status(e.StatusCode, StatusDetail.Clamp(e.Status.Detail)), e.Trailers);
        var field = e.StatusCode == StatusCode.InvalidArgument ? e.Trailers.GetValue(InvalidFieldTrailer) : null;
        return Create(e.StatusCode, e.Status.Detail, GenericReason(e.StatusCode, field), field, trailers: e.Trailers);
    }

    public static bool HasDetails(RpcException e) => e.Trailers.Get(DetailsTrailer) is not null;

    public static string GenericReason(StatusCode code, string? field = null) => code switch
    {
        StatusCode.InvalidArgument => field is null ? ErrorReasons.RequestMalformed : ErrorReasons.FieldInvalid,
        StatusCode.NotFound => ErrorReasons.NotFound,
        StatusCode.AlreadyExists => ErrorReasons.AlreadyExists,
        StatusCode.FailedPrecondition => ErrorReasons.FailedPrecondition,
        StatusCode.PermissionDenied => ErrorReasons.PermissionDenied,
        StatusCode.Unauthenticated => ErrorReasons.TokenInvalid,
        StatusCode.Aborted => ErrorReasons.ConcurrentChange,
        StatusCode.Unavailable => ErrorReasons.Unavailable,
        _ => string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString())),
    };
}
