using Marten;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten.ReadModels;
using Partnership.Notification.Domain;

namespace Partnership.Notification.Delivering.Reading;

public sealed record DeliveryPage(IReadOnlyList<DeliveryView> Deliveries, string NextPageToken);

public sealed class DeliveryQueries(IQuerySession session, ReadModelFreshness freshness)
{
    /// <summary>What ListDeliveries answered before it was paged, and still answers without a page_size.</summary>
    public const int UnpagedDeliveries = 500;

    /// <summary>
    /// Deliveries, newest intent first, optionally in one state and of one customer record, a page at a time; with every
    /// change committed before the call (ReadModelFreshness). The list grows with every onboarding, so it is paged in the
    /// database.
    /// </summary>
    public async Task<DeliveryPage> List(DeliveryState? state, string? customerId, Paging paging, CancellationToken ct)
    {
        await freshness.CaughtUp<DeliveryViewProjection>(ct);
        var q = session.Query<DeliveryView>().AsQueryable();
        if (state is { } s) q = q.Where(v => v.State == s);
        if (!string.IsNullOrEmpty(customerId)) q = q.Where(v => v.CustomerId == customerId);
        var rows = await q.OrderByDescending(v => v.IntendedAt).ThenBy(v => v.Id).Skip(paging.Offset).Take(paging.Fetch).ToListAsync(ct);
        var (page, next) = paging.Cut(rows);
        return new DeliveryPage(page, next);
    }
}
