using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Learning;
using Partnership.CustomerService.Onboarding.Creating;
using Partnership.EventSourcing;
using Partnership.Testing;

namespace Partnership.CustomerService.UnitTests;

/// <summary>CreateCustomer asks Billing and Identity at the same time, and answers a failure as it did in series.</summary>
public class CreateCustomerRemoteFactsTests
{
    private const string Partner = "ajepartner0000000001";
    private const string CustomerAccount = "ajecustomer000000001";

    [Fact]
    public async Task Paid_mode_and_the_customers_account_are_asked_for_together()
    {
        // Each call answers only once both are in flight: asked in series, the first would wait forever.
        var remote = new RemoteFacts(holdUntilBothArrive: true);
        var result = await Handler(remote).Handle(Partner, "r1", "Acme", "acme@yandex.ru", Timeout());
        Assert.Equal(2, remote.Arrived);
        Assert.IsType<CustomerRecordCreated>(result.NewEvents[0]);
    }

    [Fact]
    public async Task An_unknown_email_is_still_not_found()
    {
        var remote = new RemoteFacts(holdUntilBothArrive: false) { AccountFailure = StatusCode.NotFound };
        var error = await Assert.ThrowsAsync<DomainException>(() => Handler(remote).Handle(Partner, "r1", "Acme", "acme@yandex.ru", Timeout()));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task When_both_calls_fail_the_billing_failure_answers_as_it_did_in_series()
    {
        var remote = new RemoteFacts(holdUntilBothArrive: false) { BillingFailure = StatusCode.Unavailable, AccountFailure = StatusCode.NotFound };
        var error = await Assert.ThrowsAsync<RpcException>(() => Handler(remote).Handle(Partner, "r1", "Acme", "acme@yandex.ru", Timeout()));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token;

    private static CreateCustomerHandler Handler(RemoteFacts remote)
    {
        // Nothing learned yet: every fact is asked live.
        var commands = new CommandHandler(new InMemoryEventStore());
        return new(commands, new LearnedFacts(commands), new Accounts.AccountsClient(remote), new BillingAccounts.BillingAccountsClient(remote),
            TimeProvider.System);
    }

    private sealed class RemoteFacts(bool holdUntilBothArrive) : CallInvoker
    {
        private readonly TaskCompletionSource _both = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;
        public int Arrived => _arrived;
        public StatusCode? BillingFailure { get; init; }
        public StatusCode? AccountFailure { get; init; }

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host,
            CallOptions options, TRequest request) =>
            new(Answer<TResponse>(method.Name, options.CancellationToken), Task.FromResult(new Metadata()), () => Status.DefaultSuccess,
                () => new Metadata(), () => { });

        private async Task<TResponse> Answer<TResponse>(string method, CancellationToken ct)
        {
            if (Interlocked.Increment(ref _arrived) == 2) _both.TrySetResult();
            if (holdUntilBothArrive) await _both.Task.WaitAsync(ct);
            object response = method switch
            {
                "GetMyBillingAccount" when BillingFailure is { } s => throw new RpcException(new Status(s, "billing")),
                "GetMyBillingAccount" => new BillingAccount { Mode = ConsumptionMode.Paid },
                "FindAccountByEmail" when AccountFailure is { } s => throw new RpcException(new Status(s, "identity")),
                "FindAccountByEmail" => new Account { AccountId = CustomerAccount },
                _ => throw new InvalidOperationException($"Unexpected call {method}"),
            };
            return (TResponse)response;
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options,
            TRequest request) => throw new NotSupportedException();

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method,
            string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
    }
}
