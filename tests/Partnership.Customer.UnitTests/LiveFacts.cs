using System.Collections.Concurrent;
using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Identity.V1;

namespace Partnership.CustomerService.UnitTests;

/// <summary>
/// Identity/Roles and Billing-Account as the Customer service calls them live: answers what it is told to and
/// records every call, so a test can see whether a remote call was made at all.
/// </summary>
public sealed class LiveFacts : CallInvoker
{
    public ConcurrentQueue<string> Calls { get; } = new();
    public bool Partner { get; init; } = true;
    public bool Paid { get; init; } = true;
    public string? CustomerAccountId { get; init; }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host,
        CallOptions options, TRequest request)
    {
        Calls.Enqueue(method.Name);
        return new(Task.FromResult((TResponse)Answer(method.Name)), Task.FromResult(new Metadata()), () => Status.DefaultSuccess,
            () => new Metadata(), () => { });
    }

    private object Answer(string method) => method switch
    {
        "GetAccount" => new Account { Partner = Partner },
        "GetMyBillingAccount" => new BillingAccount { Mode = Paid ? ConsumptionMode.Paid : ConsumptionMode.Trial },
        "FindAccountByEmail" when CustomerAccountId is { } id => new Account { AccountId = id },
        "FindAccountByEmail" => throw new RpcException(new Status(StatusCode.NotFound, "no such email")),
        _ => throw new InvalidOperationException($"Unexpected call {method}"),
    };

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options,
        TRequest request) => throw new NotSupportedException();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method,
        string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
}
