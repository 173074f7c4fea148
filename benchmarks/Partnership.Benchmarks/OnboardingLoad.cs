using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.Benchmarks;

public sealed record SetupResult(Account Partner, IReadOnlyList<Account> Customers, IReadOnlyList<Account> WarmupCustomers,
    TimeSpan Duration, TimeSpan Registration, int WarmupCalls, TimeSpan WarmupOnboardings);

public sealed record CustomerOutcome(Account Account, string? CustomerId, double StartedSeconds, double? CreateLatencySeconds,
    double? CompletedSeconds, string? Error);

public sealed record MainResult(IReadOnlyList<CustomerOutcome> Customers, double CreatesDoneSeconds, double? AllCompleteSeconds,
    bool TimedOut, IReadOnlyDictionary<string, int> Missing);

/// <summary>
/// The onboarding flow through the public API: the setup (a partner in paid mode and N customer accounts, as an
/// operator) and the measured phase (N CreateCustomer calls, C in flight, then every customer followed until it
/// is provisioned, has its organization and four role bindings, and got its email).
/// </summary>
public sealed class OnboardingLoad(SystemUnderTest system, TapIndex tap, MailIndex mail, BenchmarkOptions options, string runId)
{
    public const string Provisioned = "partnership.customer-provisioned.v1";
    public const string OrganizationCreated = "partnership.organization-created.v1";
    public const string BindingGranted = "partnership.access-binding-granted.v1";
    public const string EmailSent = "partnership.confirmation-email-sent.v1";
    public const string BillingAccountCreated = "partnership.billing-account-created.v1";
    public const string SwitchedToPaid = "partnership.switched-to-paid-consumption.v1";
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);
    private const int MaxVerificationsInFlight = 4;

    public async Task<SetupResult> Setup(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var op = system.Operator;
        var partner = await Register($"bench-partner-{runId}@yandex.ru", "Bench partner", ct);
        await system.Accounts.AssignPartnerStatusAsync(new PartnerStatusRequest { AccountId = partner.Id }, op.Auth,
            Deadline(), ct);
        await Until(async () =>
        {
            try
            {
                await system.Billing.GetMyBillingAccountAsync(new GetMyBillingAccountRequest(), partner.Auth, Deadline(), ct);
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "the partner's billing account", ct);
        var paid = await system.Billing.SwitchToPaidConsumptionAsync(new SwitchToPaidConsumptionRequest(), partner.Auth, Deadline(), ct);
        if (paid.Mode != ConsumptionMode.Paid) throw new InvalidOperationException($"The partner's billing account is {paid.Mode}, not paid.");

        var registration = Stopwatch.StartNew();
        var customers = new Account[options.Onboardings];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Onboardings),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
            async (i, token) => customers[i] = await Register($"bench-c{i + 1:D5}-{runId}@yandex.ru", $"Bench customer {i + 1}", token));
        registration.Stop();
        var warmupCustomers = new List<Account>();
        for (var i = 0; i < options.WarmupOnboardings; i++)
            warmupCustomers.Add(await Register($"bench-warmup{i + 1}-{runId}@yandex.ru", $"Warm-up customer {i + 1}", ct));

        // Billing opens every account's own billing account from AccountRegistered. Waiting for all of them keeps
        // that work out of the measured phase, which then starts on a quiet system.
        await Until(() =>
        {
            tap.Refresh();
            return Task.FromResult(tap.Count(SwitchedToPaid, partner.Id) >= 1
                && customers.Concat(warmupCustomers).Append(partner).All(a => tap.Count(BillingAccountCreated, a.Id) >= 1));
        }, TimeSpan.FromMinutes(2), "the billing accounts of all registered accounts", ct);

        // Warm-up without side effects: CreateCustomer for an email no account has runs the whole call path
        // (partner status, paid mode, the lookup by email) and is refused with NOT_FOUND before anything is appended.
        var warmup = options.Concurrency;
        await Parallel.ForEachAsync(Enumerable.Range(0, warmup),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
            async (i, token) =>
            {
                try
                {
                    await system.Customers.CreateCustomerAsync(new CreateCustomerRequest
                    {
                        RequestId = Guid.NewGuid().ToString(), Name = "Warm-up", Email = $"bench-nobody-{i}-{runId}@yandex.ru",
                    }, partner.Auth, Deadline(), token);
                    throw new InvalidOperationException("A warm-up CreateCustomer for an unknown email succeeded.");
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                {
                }
            });
        await system.Customers.ListCustomersAsync(new ListCustomersRequest(), partner.Auth, Deadline(), ct);

        // Whole onboardings with customers of their own: every consumer, store path and SMTP exchange runs once
        // (JIT, Marten's generated code) before the clock starts.
        var warmupClock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(warmupCustomers, ct, async (customer, token) =>
        {
            var created = await system.Customers.CreateCustomerAsync(new CreateCustomerRequest
            {
                RequestId = Guid.NewGuid().ToString(), Name = "Warm-up customer", Email = customer.Email,
            }, partner.Auth, Deadline(), token);
            await Until(async () =>
            {
                tap.Refresh();
                mail.Refresh();
                return EventsAndMailArrived(created.CustomerId, customer.Email)
                    && await RecordShowsProvisioning(partner, created.CustomerId, token);
            }, TimeSpan.FromMinutes(2), "the warm-up onboarding", token);
        });
        return new SetupResult(partner, customers, warmupCustomers, clock.Elapsed, registration.Elapsed, warmup, warmupClock.Elapsed);
    }

    public async Task<MainResult> Run(SetupResult setup, CancellationToken ct)
    {
        var n = setup.Customers.Count;
        var clock = Stopwatch.StartNew();
        var started = new double[n];
        var latency = new double?[n];
        var customerIds = new string?[n];
        var errors = new string?[n];
        var completed = new double?[n];
        var createsDone = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);

        using var trackerStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var tracker = Task.Run(() => Track(setup, customerIds, errors, completed, createsDone.Task, clock, trackerStop.Token), ct);

        await Parallel.ForEachAsync(Enumerable.Range(0, n),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var customer = setup.Customers[i];
                started[i] = clock.Elapsed.TotalSeconds;
                try
                {
                    var created = await system.Customers.CreateCustomerAsync(new CreateCustomerRequest
                    {
                        RequestId = Guid.NewGuid().ToString(), Name = $"Bench Customer {i + 1:D5}", Email = customer.Email,
                    }, setup.Partner.Auth, Deadline(), token);
                    latency[i] = clock.Elapsed.TotalSeconds - started[i];
                    Volatile.Write(ref customerIds[i], created.CustomerId);
                }
                catch (RpcException e)
                {
                    Volatile.Write(ref errors[i], $"{e.StatusCode}: {e.Status.Detail}");
                }
            });
        createsDone.SetResult(clock.Elapsed.TotalSeconds);

        var (allComplete, timedOut, missing) = await tracker;
        var outcomes = Enumerable.Range(0, n)
            .Select(i => new CustomerOutcome(setup.Customers[i], customerIds[i], started[i], latency[i], completed[i], errors[i]))
            .ToList();
        return new MainResult(outcomes, createsDone.Task.Result, allComplete, timedOut, missing);
    }

    /// <summary>
    /// Follows every created customer until the tap has its provisioning, organization, four bindings and email-sent
    /// events, the SMTP server has its mail, and its record (read from its stream) shows the subaccount and the
    /// organization. Polls; bounded by the completion timeout counted from the last create call's return.
    /// </summary>
    private async Task<(double? AllComplete, bool TimedOut, IReadOnlyDictionary<string, int> Missing)> Track(SetupResult setup,
        string?[] customerIds, string?[] errors, double?[] completed, Task<double> createsDone, Stopwatch clock, CancellationToken ct)
    {
        var n = customerIds.Length;
        var verifying = new Dictionary<int, Task<bool>>();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            tap.Refresh();
            mail.Refresh();
            for (var i = 0; i < n; i++)
            {
                if (completed[i] is not null || Volatile.Read(ref customerIds[i]) is not { } customerId) continue;
                if (verifying.TryGetValue(i, out var verification))
                {
                    if (!verification.IsCompleted) continue;
                    verifying.Remove(i);
                    if (verification.Result) completed[i] = clock.Elapsed.TotalSeconds;
                    continue;
                }
                if (verifying.Count < MaxVerificationsInFlight && EventsAndMailArrived(customerId, setup.Customers[i].Email))
                    verifying[i] = RecordShowsProvisioning(setup.Partner, customerId, ct);
            }
            var failedCreates = 0;
            for (var i = 0; i < n; i++)
                if (Volatile.Read(ref errors[i]) is not null) failedCreates++;
            var done = completed.Count(c => c is not null);
            if (createsDone.IsCompleted && done + failedCreates == n)
                return (done == 0 ? null : completed.Max(), false, new Dictionary<string, int>());
            if (createsDone.IsCompleted && clock.Elapsed.TotalSeconds > createsDone.Result + options.CompletionTimeout.TotalSeconds)
                return (null, true, Missing(setup, customerIds, completed));
            await Task.Delay(Poll, ct);
        }
    }

    private bool EventsAndMailArrived(string customerId, string email) =>
        tap.Count(Provisioned, customerId) >= 1 && tap.Count(OrganizationCreated, customerId) >= 1
        && tap.Count(BindingGranted, customerId) >= 4 && tap.Count(EmailSent, customerId) >= 1 && mail.To(email) >= 1;

    private async Task<bool> RecordShowsProvisioning(Account partner, string customerId, CancellationToken ct)
    {
        try
        {
            var record = await system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = customerId }, partner.Auth,
                Deadline(), ct);
            return record.SubaccountId != "" && record.OrganizationId != "";
        }
        catch (RpcException)
        {
            return false;
        }
    }

    private IReadOnlyDictionary<string, int> Missing(SetupResult setup, string?[] customerIds, double?[] completed)
    {
        var missing = new ConcurrentDictionary<string, int>();
        for (var i = 0; i < customerIds.Length; i++)
        {
            if (completed[i] is not null || customerIds[i] is not { } id) continue;
            void Count(string what) => missing.AddOrUpdate(what, 1, (_, c) => c + 1);
            if (tap.Count(Provisioned, id) == 0) Count("customer-provisioned");
            if (tap.Count(OrganizationCreated, id) == 0) Count("organization-created");
            if (tap.Count(BindingGranted, id) < 4) Count("4 access-binding-granted");
            if (tap.Count(EmailSent, id) == 0) Count("confirmation-email-sent");
            if (mail.To(setup.Customers[i].Email) == 0) Count("mail at the SMTP server");
            Count("customers not complete");
        }
        return missing;
    }

    private async Task<Account> Register(string email, string name, CancellationToken ct)
    {
        var account = await system.Accounts.RegisterAccountAsync(new RegisterAccountRequest { Email = email, DisplayName = name },
            system.Operator.Auth, Deadline(), ct);
        return new Account(account.AccountId, account.Email, await system.TokenFor(account.AccountId));
    }

    private static DateTime Deadline() => DateTime.UtcNow + CallDeadline;

    private static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            await Task.Delay(Poll, ct);
        }
    }
}
