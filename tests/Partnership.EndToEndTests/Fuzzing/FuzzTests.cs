using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Xunit.Abstractions;

namespace Partnership.EndToEndTests.Fuzzing;

/// <summary>
/// Malformed requests to every RPC of the running system: none may be answered UNKNOWN or INTERNAL, and none may
/// hang (each call has a deadline; DEADLINE_EXCEEDED is a failure). Set FUZZ_SEED to replay a run.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class FuzzTests(PartnershipSystem system, ITestOutputHelper output)
{
    private const int CallsPerRpc = 520;
    private const int InFlight = 48;
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(100);
    private static readonly StatusCode[] Failures = [StatusCode.Unknown, StatusCode.Internal, StatusCode.DeadlineExceeded, StatusCode.Cancelled];

    private enum Caller { Anonymous, GarbageToken, Operator, RandomAccount }

    [Fact]
    public async Task No_malformed_request_is_answered_unknown_or_internal_or_hangs()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        var rpcs = ContractRpcs.All();
        var stranger = await system.RegisterAccount("fuzz");
        var headers = new Dictionary<Caller, Metadata?>
        {
            [Caller.Anonymous] = null,
            [Caller.GarbageToken] = new() { { "Authorization", "Bearer eyJhbGciOiJub25lIn0.e30.not-a-signature" } },
            [Caller.Operator] = system.Operator.Auth,
            [Caller.RandomAccount] = stranger.Auth,
        };

        var counts = new ConcurrentDictionary<StatusCode, int>();
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        using var runLimit = new CancellationTokenSource(RunLimit);
        var calls = rpcs.SelectMany((rpc, r) => Enumerable.Range(0, CallsPerRpc).Select(i => (rpc, r, i)));
        await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = runLimit.Token },
            async (call, _) =>
            {
                // One generator per call, seeded from the run's seed and the call's place, so a run replays exactly.
                var random = new Random(unchecked(seed * 1_000_003 + call.r * 10_007 + call.i));
                var body = new MalformedRequests(random).Next(call.rpc.Request, out var kind);
                var caller = (Caller)random.Next(4);
                var code = await Send(call.rpc, body, headers[caller]);
                counts.AddOrUpdate(code.Code, 1, (_, n) => n + 1);
                if (Failures.Contains(code.Code))
                    failures.Enqueue($"{call.rpc.Path} #{call.i} {kind} as {caller}: {code.Code} \"{code.Detail}\"");
                // Every refusal, the ones made before any handler (decoding, tokens) included, carries its reason.
                else if (code.Code != StatusCode.OK && !code.Detailed)
                    failures.Enqueue($"{call.rpc.Path} #{call.i} {kind} as {caller}: {code.Code} \"{code.Detail}\" without ErrorInfo details");
            });

        var total = counts.Values.Sum();
        output.WriteLine($"Fuzz seed {seed}: {total} calls to {rpcs.Count} RPCs in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var (code, n) in counts.OrderBy(c => c.Key)) output.WriteLine($"  {code,-20} {n,7}");
        output.WriteLine($"  sent again after a lost connection: {_sentAgain}");
        Assert.True(rpcs.Count >= 26, $"only {rpcs.Count} RPCs discovered");
        Assert.True(failures.IsEmpty, $"Fuzz seed {seed} (rerun with FUZZ_SEED={seed}): {failures.Count} calls failed; one per RPC:\n"
            + string.Join("\n", failures.GroupBy(f => f[..f.IndexOf(' ')]).Select(g => g.First()).Take(15)));
        Assert.Equal(rpcs.Count * CallsPerRpc, total);
        Assert.True(_sentAgain <= total / 100, $"{_sentAgain} of {total} calls lost their connection and were sent again");
    }

    // A call whose HTTP/2 connection the server closed under it (Kestrel closes the whole connection when one stream
    // breaks a connection-level rule while a loaded CI machine starves this process: a body arriving slower than its
    // minimum data rate, 13-30 calls to one service at once, twice in CI; a DATA frame arriving after Kestrel has
    // forgotten its stream (it keeps one it answered without reading the whole body for 5 s: reproduced, README), the
    // likely cause of 20 calls to one service failing once in CI, the same seed passing when replayed) got no answer to
    // its request: it is sent again, once. A request that itself breaks the connection breaks it again and fails; so
    // would a service that keeps dropping connections, as more than 1 % of the calls needing a second try fails the run.
    private int _sentAgain;

    private async Task<(StatusCode Code, string Detail, bool Detailed)> Send(ContractRpc rpc, byte[] body, Metadata? headers)
    {
        var answer = await SendOnce(rpc, body, headers);
        if (!ConnectionLost(answer.Code, answer.Detail)) return answer;
        Interlocked.Increment(ref _sentAgain);
        return await SendOnce(rpc, body, headers);
    }

    // How the gRPC client reports a call the connection broke under before any answer: UNAVAILABLE for a closed socket,
    // INTERNAL for the server's GOAWAY with an error code (an HTTP/2 protocol error, not an answer of the service's).
    private static bool ConnectionLost(StatusCode code, string detail) =>
        detail.StartsWith("Error starting gRPC call", StringComparison.Ordinal)
        && (code == StatusCode.Unavailable || code == StatusCode.Internal && detail.Contains("The HTTP/2 server closed the connection", StringComparison.Ordinal));

    private async Task<(StatusCode Code, string Detail, bool Detailed)> SendOnce(ContractRpc rpc, byte[] body, Metadata? headers)
    {
        try
        {
            if (rpc.ServerStreaming) return await Subscribe(rpc, body, headers);
            await system.Channel(rpc.Resource).CreateCallInvoker()
                .AsyncUnaryCall(rpc.RawMethod, null, new CallOptions(headers, DateTime.UtcNow.Add(CallDeadline)), body);
            return (StatusCode.OK, "", false);
        }
        catch (RpcException e)
        {
            return (e.StatusCode, e.Status.Detail.Length > 200 ? e.Status.Detail[..200] : e.Status.Detail, Detailed(e.Status, e.Trailers));
        }
    }

    // The google.rpc.Status in grpc-status-details-bin agrees with the call's status and holds an ErrorInfo with a reason.
    private static bool Detailed(Status status, Metadata trailers) =>
        trailers.GetRpcStatus() is { } details && details.Code == (int)status.StatusCode && details.Message == status.Detail
        && details.GetDetail<Google.Rpc.ErrorInfo>() is { Reason.Length: > 0, Domain: "partnership.cloud.yandex.ru" };

    // A subscription that is accepted stays open (it waits for live events), so it cannot be awaited to its end: the
    // server sends its response headers once it accepted the request, and a refusal ends the call instead.
    private async Task<(StatusCode Code, string Detail, bool Detailed)> Subscribe(ContractRpc rpc, byte[] body, Metadata? headers)
    {
        using var call = system.Channel(rpc.Resource).CreateCallInvoker()
            .AsyncServerStreamingCall(rpc.RawMethod, null, new CallOptions(headers, DateTime.UtcNow.Add(CallDeadline)), body);
        await call.ResponseHeadersAsync;
        try
        {
            var status = call.GetStatus();
            return (status.StatusCode, status.Detail, Detailed(status, call.GetTrailers()));
        }
        catch (InvalidOperationException)
        {
            return (StatusCode.OK, "", false);
        }
    }
}
