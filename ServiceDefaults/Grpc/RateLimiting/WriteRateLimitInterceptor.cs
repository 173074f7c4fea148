using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Grpc.Errors;

namespace Partnership.ServiceDefaults.Grpc.RateLimiting;

/// <summary>
/// Limits each caller's write RPCs with a token bucket; reads are never limited. The caller is the token's subject
/// (sub), or the remote IP address for calls without one. A refused call gets RESOURCE_EXHAUSTED with a retry hint
/// in the detail and in the trailer retry-after-ms, reason RATE_LIMITED.
/// </summary>
public sealed class WriteRateLimitInterceptor(WriteRateLimiter limiter) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (WriteRpcs.IsWrite(context.Method)) limiter.Acquire(context);
        return continuation(request, context);
    }
}

/// <summary>The buckets, one per caller; a singleton so that they outlive a call.</summary>
public sealed class WriteRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public WriteRateLimiter(IOptions<RateLimitOptions> options)
    {
        var o = options.Value;
        if (o.WritesPerSecond < 1 || o.Burst < 1)
            throw new InvalidOperationException("RateLimiting:WritesPerSecond and RateLimiting:Burst must be at least 1.");
        _limiter = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetTokenBucketLimiter(caller,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = o.Burst,
                TokensPerPeriod = o.WritesPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public void Acquire(ServerCallContext context)
    {
        using var lease = _limiter.AttemptAcquire(CallerOf(context));
        if (lease.IsAcquired) return;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var ms = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        throw Refusal.Create(StatusCode.ResourceExhausted, $"Too many write calls from this caller; retry after {ms} ms.", ErrorReasons.RateLimited,
            metadata: new Dictionary<string, string> { ["retry_after_ms"] = ms }, trailers: new Metadata { { "retry-after-ms", ms } });
    }

    private static string CallerOf(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        return http.User.FindFirst("sub")?.Value is { Length: > 0 } sub
            ? "sub:" + sub
            : "ip:" + http.Connection.RemoteIpAddress;
    }

    public void Dispose() => _limiter.Dispose();
}
