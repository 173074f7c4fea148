using Microsoft.Extensions.Options;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;

namespace Partnership.CustomerService.Onboarding.Reading;

public sealed class CustomerWatchOptions
{
    public const string Section = "Customer:Watch";

    /// <summary>How often a watch reads the record again without a wake-up: the safety net for a lost notification.</summary>
    public TimeSpan ReadEvery { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Follows one record for WatchCustomer: sends it at once, then again whenever its stream moved on. Woken by any
/// replica's commit (<see cref="IStreamChangeFeed"/>), and reads again every <see cref="CustomerWatchOptions.ReadEvery"/>
/// anyway. Visibility is GetCustomer's, checked at each read.
/// </summary>
public sealed class CustomerWatch(CustomerQueries queries, IStreamChangeFeed changes, IOptions<CustomerWatchOptions> options)
{
    public async Task Follow(string callerAccountId, string? customerId, Func<CustomerRecord, long, Task> send, CancellationToken ct)
    {
        var streamId = CustomerIds.RequireStream(customerId);
        var sent = -1L;
        try
        {
            while (true)
            {
                // Taken before the read, so a change committed after it wakes this loop.
                var changed = changes.NextChange(streamId);
                var (record, version) = await queries.Get(callerAccountId, customerId, ct);
                if (version != sent)
                {
                    await send(record, version);
                    sent = version;
                }
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                await Task.WhenAny(changed, Task.Delay(options.Value.ReadEvery, wait.Token));
                await wait.CancelAsync();
                ct.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The caller cancelled (or its deadline passed): the watch ends.
        }
    }
}
