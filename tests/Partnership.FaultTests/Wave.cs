using Grpc.Core;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Notification.V1;
using Partnership.EndToEndTests;
using Xunit.Abstractions;

namespace Partnership.FaultTests;

/// <summary>
/// A wave of customer onboardings by several paid partners, started one after another, with a fault injected
/// once a few are under way. The client retries each onboarding with the same request ID until it succeeds; the
/// wave then waits (bounded) until every customer is provisioned and has its email or a final delivery state.
/// </summary>
public sealed class Wave
{
    private static readonly TimeSpan Stagger = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);
    private readonly FaultySystem _system;
    private readonly ITestOutputHelper _output;
    private readonly HashSet<string> _unknown = [];
    private readonly HashSet<string> _failed = [];

    private Wave(FaultySystem system, ITestOutputHelper output, List<Onboarding> onboardings) =>
        (_system, _output, Onboardings) = (system, output, onboardings);

    public IReadOnlyList<Onboarding> Onboardings { get; }
    /// <summary>When the fault was cleared (the injection returned).</summary>
    public DateTime ClearedAt { get; private set; }

    /// <summary>The partners (paid) and the customers' accounts: the given, set up before any fault.</summary>
    public static async Task<Wave> Prepare(FaultySystem system, ITestOutputHelper output, int size = 20, int partners = 5)
    {
        var paid = await Task.WhenAll(Enumerable.Range(0, partners).Select(_ => system.NewPartner()));
        var customers = await Task.WhenAll(Enumerable.Range(0, size).Select(i => system.RegisterAccount($"customer{i}")));
        return new Wave(system, output, customers.Select((c, i) => new Onboarding(paid[i % partners], c)).ToList());
    }

    /// <summary>
    /// Runs the wave. <paramref name="fault"/> starts once <paramref name="faultAfter"/> customers were created and
    /// returns when the fault is cleared. Waits at most <paramref name="patience"/> after that for the wave to settle.
    /// </summary>
    public async Task<FaultResult> Run(string name, Func<Task<string>> fault, int faultAfter = 6, TimeSpan? patience = null)
    {
        patience ??= TimeSpan.FromMinutes(2);
        using var stop = new CancellationTokenSource();
        var clients = Onboardings.Select((o, i) => Onboard(o, Stagger * i, stop.Token)).ToList();
        var watching = Watch(stop.Token);

        var started = DateTime.UtcNow;
        while (Onboardings.Count(o => o.CreatedAt is not null) < faultAfter && clients.Any(c => !c.IsCompleted))
            await Task.Delay(20);
        _output.WriteLine($"{Now} {name}: injecting after {Onboardings.Count(o => o.CreatedAt is not null)} created; connections through " +
            $"the proxies: PostgreSQL {_system.Database.Connections}, RabbitMQ {_system.Broker.Connections}, SMTP {_system.Mail.Connections}");
        var note = await fault();
        ClearedAt = DateTime.UtcNow;
        _output.WriteLine($"{Now} {name}: cleared ({(ClearedAt - started).TotalSeconds:0.0} s after the wave began)");

        var deadline = ClearedAt + patience.Value;
        while (DateTime.UtcNow < deadline && !Onboardings.All(Settled)) await Task.Delay(250);
        // Copies and late resends arrive after the first email: give them a moment to show up as duplicates.
        await Task.Delay(TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        await Task.WhenAll(clients.Select(c => c.ContinueWith(_ => { })));
        await watching.ContinueWith(_ => { });
        await Poll(CancellationToken.None);
        return Tally(name, note);
    }

    /// <summary>Customers who got no email and whose delivery is not UNKNOWN either.</summary>
    public int WithoutEmailAndNotUnknown =>
        Onboardings.Count(o => _system.Smtp.To(o.Customer.Email).Count == 0 && (o.CustomerId is null || !_unknown.Contains(o.CustomerId)));

    /// <summary>Customers whose delivery is UNKNOWN although their mail reached the SMTP server.</summary>
    public int UnknownWithEmail =>
        Onboardings.Count(o => o.CustomerId is { } id && _unknown.Contains(id) && _system.Smtp.To(o.Customer.Email).Count > 0);

    private static string Now => DateTime.UtcNow.ToString("HH:mm:ss.fff");

    private bool Settled(Onboarding o) => o.ProvisionedAt is not null && o.EmailedAt is not null;

    private async Task Onboard(Onboarding onboarding, TimeSpan delay, CancellationToken stop)
    {
        await Task.Delay(delay, stop);
        var request = new CreateCustomerRequest
        {
            RequestId = onboarding.RequestId, Name = $"Fault {onboarding.RequestId[..8]} LLC", Email = onboarding.Customer.Email,
        };
        while (!stop.IsCancellationRequested)
        {
            onboarding.Attempts++;
            try
            {
                var customer = await _system.Customers.CreateCustomerAsync(request, onboarding.Partner.Auth,
                    DateTime.UtcNow + CallDeadline, stop);
                onboarding.CustomerId = customer.CustomerId;
                onboarding.CreatedAt = DateTime.UtcNow;
                return;
            }
            catch (RpcException e) when (e.StatusCode is not (StatusCode.InvalidArgument or StatusCode.AlreadyExists))
            {
                // A fault, as the portal would see it: retry with the same request ID.
                if (onboarding.Attempts % 10 == 1) _output.WriteLine($"{Now} create {onboarding.Customer.Email}: {e.StatusCode} (attempt {onboarding.Attempts})");
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
        }
    }

    private async Task Watch(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Poll(stop);
            await Task.Delay(TimeSpan.FromMilliseconds(500), stop);
        }
    }

    /// <summary>What the running system shows now: provisioned records, received mail, final delivery states.</summary>
    private async Task Poll(CancellationToken stop)
    {
        foreach (var o in Onboardings.Where(o => o.CustomerId is not null && o.ProvisionedAt is null))
        {
            try
            {
                var record = await _system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = o.CustomerId }, o.Partner.Auth,
                    DateTime.UtcNow + CallDeadline, stop);
                if (record.SubaccountId != "" && record.OrganizationId != "") o.ProvisionedAt = DateTime.UtcNow;
            }
            catch (RpcException)
            {
                // The Customer service is down or frozen: look again later.
            }
        }
        try
        {
            foreach (var (state, into) in new[] { (DeliveryState.Unknown, _unknown), (DeliveryState.Failed, _failed) })
            {
                // Paged since issue 12: every page, so that none of them is missed.
                var token = "";
                do
                {
                    var deliveries = await _system.Emails.ListDeliveriesAsync(
                        new ListDeliveriesRequest { State = state, PageSize = 100, PageToken = token }, _system.Operator.Auth,
                        DateTime.UtcNow + CallDeadline, stop);
                    lock (into) into.UnionWith(deliveries.Deliveries.Select(d => d.CustomerId));
                    token = deliveries.NextPageToken;
                } while (token != "");
            }
        }
        catch (RpcException)
        {
            // The Notification service is down or frozen.
        }
        foreach (var o in Onboardings.Where(o => o.EmailedAt is null && o.CustomerId is not null))
            if (_system.Smtp.To(o.Customer.Email).Count > 0 || _unknown.Contains(o.CustomerId!) || _failed.Contains(o.CustomerId!))
                o.EmailedAt = DateTime.UtcNow;
    }

    private FaultResult Tally(string name, string note)
    {
        var emails = Onboardings.Select(o => _system.Smtp.To(o.Customer.Email).Count).ToList();
        var ids = Onboardings.Where(o => o.CustomerId is not null).Select(o => o.CustomerId!).ToHashSet();
        var done = Onboardings.All(Settled);
        var last = Onboardings.Select(o => Max(o.ProvisionedAt, o.EmailedAt)).Max();
        TimeSpan? recovery = done && last is { } l ? (l > ClearedAt ? l - ClearedAt : TimeSpan.Zero) : null;
        var retries = Onboardings.Sum(o => o.Attempts - 1);
        var result = new FaultResult(name, Onboardings.Count, Onboardings.Count(o => o.CustomerId is not null),
            Onboardings.Count(o => o.ProvisionedAt is not null), emails.Count(n => n == 1), emails.Count(n => n == 0), emails.Count(n => n > 1),
            _unknown.Count(ids.Contains), _failed.Count(ids.Contains), recovery,
            $"client retries {retries}{(note == "" ? "" : "; " + note)}");
        _output.WriteLine(FaultResult.Header);
        _output.WriteLine(result.ToString());
        foreach (var o in Onboardings.Where(o => !Settled(o) || _system.Smtp.To(o.Customer.Email).Count != 1))
            _output.WriteLine($"  {o.Customer.Email} customer {o.CustomerId ?? "(not created)"}: provisioned {o.ProvisionedAt is not null}, " +
                $"emails {_system.Smtp.To(o.Customer.Email).Count}, unknown {o.CustomerId is { } u && _unknown.Contains(u)}, " +
                $"failed {o.CustomerId is { } f && _failed.Contains(f)}");
        FaultTable.Append(result);
        return result;
    }

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null || b is null ? null : a > b ? a : b;
}
