using System.Text.RegularExpressions;
using Google.Rpc;
using Grpc.Core;

namespace Partnership.Cli.Hosting;

/// <summary>
/// A refusal as a person or a script reads it on stderr: the status in the proto's spelling, the message, and what the
/// service put in the status details (the ErrorInfo reason with its metadata, BadRequest's field violations).
/// </summary>
public static partial class ErrorReport
{
    public static void Write(RpcException e, TextWriter error)
    {
        error.WriteLine($"error: {StatusName(e.StatusCode)}: {e.Status.Detail}");
        var status = e.GetRpcStatus();
        if (status?.GetDetail<ErrorInfo>() is { } info)
        {
            error.WriteLine($"reason: {info.Reason}" + (info.Domain is { Length: > 0 } domain ? $" ({domain})" : ""));
            foreach (var (key, value) in info.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                error.WriteLine($"  {key}: {value}");
        }
        if (status?.GetDetail<BadRequest>() is { } badRequest)
            foreach (var violation in badRequest.FieldViolations)
                error.WriteLine($"field {violation.Field}: {violation.Description}");
    }

    /// <summary>"NotFound" as the proto and the README spell it: "NOT_FOUND".</summary>
    public static string StatusName(StatusCode code) => CamelHump().Replace(code.ToString(), "$1_$2").ToUpperInvariant();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex CamelHump();
}
