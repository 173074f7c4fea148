namespace Partnership.ServiceDefaults.Grpc.RateLimiting;

/// <summary>Which RPCs change state, judged by name so that a new RPC is classified without a list to keep up.</summary>
public static class WriteRpcs
{
    private static readonly string[] ReadPrefixes = ["Get", "List", "Check", "Find", "Watch"];

    /// <param name="method">The gRPC method path, "/package.Service/Method", or the bare method name.</param>
    public static bool IsWrite(string method)
    {
        var name = method[(method.LastIndexOf('/') + 1)..];
        return !ReadPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }
}
