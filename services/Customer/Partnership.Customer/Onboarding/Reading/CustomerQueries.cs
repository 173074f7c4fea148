using Marten;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten.ReadModels;

namespace Partnership.CustomerService.Onboarding.Reading;

public sealed record CustomerPage(IReadOnlyList<CustomerView> Customers, string NextPageToken);

public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Entries, string NextPageToken);

public sealed class CustomerQueries(IQuerySession session, IEventStore store, ReadModelFreshness freshness)
{
    /// <summary>One record, read from its stream (no lag). Visible to its partner and its customer only.</summary>
    public async Task<(CustomerRecord Record, long Version)> Get(string callerAccountId, string? customerId, CancellationToken ct)
    {
        var (record, stream) = await ReadVisible(callerAccountId, customerId, ct);
        return (record, stream.Version);
    }

    /// <summary>Every change to one record, oldest first, from its stream (no lag). Visible to its partner and its customer only.</summary>
    public async Task<HistoryPage> History(string callerAccountId, string? customerId, int pageSize, string? pageToken, CancellationToken ct)
    {
        // The token holds how many entries were sent: a stream only grows, so its entries keep their places. (An event told
        // as several entries shares its version among them, so the version cannot be the token; it was before, when each
        // event was one entry, and such a token is the same number.)
        var paging = Paging.Of(pageSize, pageToken);
        var (_, stream) = await ReadVisible(callerAccountId, customerId, ct);
        var (entries, next) = paging.Page(CustomerHistory.Of(stream.Events));
        return new HistoryPage(entries, next);
    }

    // The record's stream and its state, for its partner and its customer; anyone else is told it does not exist.
    private async Task<(CustomerRecord Record, StreamEvents Stream)> ReadVisible(string callerAccountId, string? customerId, CancellationToken ct)
    {
        var stream = await store.ReadStream(CustomerIds.RequireStream(customerId), ct);
        var record = stream.Events.Select(e => e.Data).Fold(CustomerRecord.Initial, CustomerRecord.Evolve);
        if (!record.Exists || (record.PartnerAccountId != callerAccountId && record.CustomerAccountId != callerAccountId))
            throw DomainException.NotFound($"No customer {customerId}.");
        return (record, stream);
    }

    /// <summary>The partner's own customers, newest first; with every change committed before the call (ReadModelFreshness).</summary>
    public async Task<CustomerPage> List(string partnerAccountId, int pageSize, string? pageToken, CustomerStatus? status,
        string? query, CancellationToken ct)
    {
        var paging = Paging.Of(pageSize, pageToken);
        await freshness.CaughtUp<CustomerViewProjection>(ct);
        var q = session.Query<CustomerView>().Where(v => v.PartnerAccountId == partnerAccountId);
        if (status is { } s) q = q.Where(v => v.Status == s);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var needle = query.Trim().ToLowerInvariant();
            q = q.Where(v => v.SearchText.Contains(needle));
        }
        var rows = await q.OrderByDescending(v => v.CreatedAt).ThenBy(v => v.Id).Skip(paging.Offset).Take(paging.Fetch).ToListAsync(ct);
        var (page, next) = paging.Cut(rows);
        return new CustomerPage(page, next);
    }
}
