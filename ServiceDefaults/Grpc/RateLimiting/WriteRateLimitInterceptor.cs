using System.Collections.Concurrent;
using System.Globalization;
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

/// <summary>
/// The buckets, one per caller; a singleton so that they outlive a call. A bucket is refilled when its caller writes,
/// from the time since its last write: nothing runs between calls. (PartitionedRateLimiter's replenishment timer woke
/// every service ten times a second, idle or not.) A full bucket is the same as none, so full ones are dropped when
/// many callers have come and gone.
/// </summary>
public sealed class WriteRateLimiter
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly double _burst;
    private readonly double _perSecond;
    private long _prunedAt;

    public WriteRateLimiter(IOptions<RateLimitOptions> options, TimeProvider? clock = null)
    {
        var o = options.Value;
        if (o.WritesPerSecond < 1 || o.Burst < 1)
            throw new InvalidOperationException("RateLimiting:WritesPerSecond and RateLimiting:Burst must be at least 1.");
        (_burst, _perSecond, _clock) = (o.Burst, o.WritesPerSecond, clock ?? TimeProvider.System);
    }

    /// <summary>Callers with a bucket kept.</summary>
    public int Callers => _buckets.Count;

    public void Acquire(ServerCallContext context)
    {
        if (TryAcquire(CallerOf(context), out var retryAfter)) return;
        var ms = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        throw Refusal.Create(StatusCode.ResourceExhausted, $"Too many write calls from this caller; retry after {ms} ms.", ErrorReasons.RateLimited,
            metadata: new Dictionary<string, string> { ["retry_after_ms"] = ms }, trailers: new Metadata { { "retry-after-ms", ms } });
    }

    /// <summary>Takes one token from <paramref name="caller"/>'s bucket; when it has none, says when it will.</summary>
    public bool TryAcquire(string caller, out TimeSpan retryAfter)
    {
        var now = _clock.GetTimestamp();
        // At most one sweep a second: with many callers active at once, a sweep on every write would cost each write
        // a pass over all of them.
        if (_buckets.Count > PruneAbove && _clock.GetElapsedTime(Interlocked.Read(ref _prunedAt), now) >= TimeSpan.FromSeconds(1))
        {
            Interlocked.Exchange(ref _prunedAt, now);
            Prune(now);
        }
        var bucket = _buckets.GetOrAdd(caller, static (_, state) => new Bucket(state.Burst, state.Now), (Burst: _burst, Now: now));
        lock (bucket)
        {
            bucket.Refill(now, _clock, _burst, _perSecond);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / _perSecond);
            return false;
        }
    }

    private void Prune(long now)
    {
        foreach (var (caller, bucket) in _buckets)
        {
            lock (bucket)
            {
                bucket.Refill(now, _clock, _burst, _perSecond);
                if (bucket.Tokens >= _burst) _buckets.TryRemove(new KeyValuePair<string, Bucket>(caller, bucket));
            }
        }
    }

    private static string CallerOf(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        return http.User.FindFirst("sub")?.Value is { Length: > 0 } sub
            ? "sub:" + sub
            : "ip:" + http.Connection.RemoteIpAddress;
    }

    private sealed class Bucket(double tokens, long at)
    {
        public double Tokens = tokens;
        private long _at = at;

        public void Refill(long now, TimeProvider clock, double burst, double perSecond)
        {
            if (now <= _at) return;
            Tokens = Math.Min(burst, Tokens + clock.GetElapsedTime(_at, now).TotalSeconds * perSecond);
            _at = now;
        }
    }
}
