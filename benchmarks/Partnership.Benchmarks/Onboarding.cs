using System.Diagnostics;
using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;

namespace Partnership.Benchmarks;

public sealed record Caller(string Id, string Email, Metadata Auth);

/// <summary>One customer of the measured phase; times are Stopwatch timestamps, 0 where it never happened.</summary>
public sealed record Outcome(string? CustomerId, long Started, long Created, long Mailed, long Done, string? Error);

/// <summary>
/// The onboarding flow through the public API: setup (a partner in paid mode and the customer accounts, as the
/// operator), warm-up onboardings, and the measured phase (N onboardings, C in flight).
/// </summary>
public sealed class Onboarding(BenchSystem system, Completion completion, Options options)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private Caller _partner = null!;

    /// <summary>Returns the customer accounts of the measured phase after the warm-up onboardings are done.</summary>
    public async Task<IReadOnlyList<Caller>> Setup(CancellationToken ct)
    {
        _partner = await Register($"bench-partner-{_run}@yandex.ru", ct);
        await system.Accounts.AssignPartnerStatusAsync(new PartnerStatusRequest { AccountId = _partner.Id }, Operator, cancellationToken: ct);
        await Until(async () =>
        {
            try
            {
                await system.Billing.GetMyBillingAccountAsync(new GetMyBillingAccountRequest(), _partner.Auth, cancellationToken: ct);
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        }, ct);
        await system.Billing.SwitchToPaidConsumptionAsync(new SwitchToPaidConsumptionRequest(), _partner.Auth, cancellationToken: ct);
        var accounts = new Caller[options.Warmup + options.Onboardings];
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts.Length), Limit(ct),
            async (i, token) => accounts[i] = await Register($"bench-c{i:D5}-{_run}@yandex.ru", token));
        // Billing opens a billing account for every registered account; letting that finish keeps it out of the figures.
        var owners = accounts.Select(a => a.Id).ToHashSet();
        await Until(() => Task.FromResult(system.Tap.Events.Count(e => e.Exchange == BenchSystem.BillingAccountCreated
            && owners.Contains(e.Message.GetProperty("ownerAccountId").GetString()!)) >= owners.Count), ct);
        // Whole onboardings first, so JIT and Marten's generated code are done before the clock starts.
        var warmup = await Run(accounts[..options.Warmup], ct);
        if (warmup.FirstOrDefault(o => o.Error is not null) is { } failed) throw new InvalidOperationException("Warm-up: " + failed.Error);
        return accounts[options.Warmup..];
    }

    /// <summary>
    /// C onboardings in flight, each from its CreateCustomer call to its completion (the next starts only when one is
    /// done): the system is measured at a fixed load, so the latencies are an onboarding's and not a queue's. With C
    /// CreateCustomer calls in flight instead, creates ran ahead of the provisioning and the email, and create → email
    /// was the time a customer waited behind all earlier ones (12-17 s for 1,000).
    /// </summary>
    public async Task<IReadOnlyList<Outcome>> Run(IReadOnlyList<Caller> customers, CancellationToken ct)
    {
        var outcomes = new Outcome[customers.Count];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds + customers.Count / 10.0));
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, customers.Count), Limit(timeout.Token),
                async (i, token) => outcomes[i] = await Onboard(i, customers[i], token));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("Not every onboarding completed in time.");
        }
        for (var i = 0; i < outcomes.Length; i++) outcomes[i] ??= new Outcome(null, 0, 0, 0, 0, "not started in time");
        return outcomes;
    }

    private async Task<Outcome> Onboard(int i, Caller customer, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        Customer created;
        try
        {
            created = await system.Customers.CreateCustomerAsync(new CreateCustomerRequest
            {
                RequestId = Guid.NewGuid().ToString(), Name = $"Bench customer {i}", Email = customer.Email,
            }, _partner.Auth, cancellationToken: ct);
        }
        catch (RpcException e)
        {
            return new Outcome(null, started, 0, 0, 0, $"{e.StatusCode}: {e.Status.Detail}");
        }
        var returned = Stopwatch.GetTimestamp();
        try
        {
            var (mailed, done) = await completion.Done(created.CustomerId, customer.Email).WaitAsync(ct);
            return new Outcome(created.CustomerId, started, returned, mailed, done, null);
        }
        catch (OperationCanceledException)
        {
            return new Outcome(created.CustomerId, started, returned, 0, 0, null);
        }
    }

    private Metadata Operator => new() { { "Authorization", "Bearer " + system.OperatorToken } };

    private ParallelOptions Limit(CancellationToken ct) => new() { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct };

    private async Task<Caller> Register(string email, CancellationToken ct)
    {
        var account = await system.Accounts.RegisterAccountAsync(new RegisterAccountRequest { Email = email, DisplayName = email },
            Operator, cancellationToken: ct);
        var token = await system.TokenFor(account.AccountId);
        return new Caller(account.AccountId, account.Email, new Metadata { { "Authorization", "Bearer " + token } });
    }

    /// <summary>Setup only (not per customer): waits for a condition the system reaches once.</summary>
    private static async Task Until(Func<Task<bool>> condition, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException("Setup did not finish within 3 minutes.");
            await Task.Delay(200, ct);
        }
    }
}
