namespace Partnership.ServiceDefaults.Grpc;

/// <summary>
/// Bounds what a status detail carries. A detail travels as the grpc-message trailer; one that echoed a 64 KB
/// input overflowed the client's header limit, hung the call and poisoned the connection.
/// </summary>
public static class StatusDetail
{
    public const int MaxLength = 300;

    public static string Clamp(string? detail)
    {
        if (detail is null) return "";
        if (detail.Length <= MaxLength) return detail;
        var cut = char.IsHighSurrogate(detail[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return detail[..cut] + "...";
    }
}
