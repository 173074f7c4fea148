using Marten;
using Partnership.Notification.Domain;

namespace Partnership.Notification.Delivering.Reading;

public sealed class DeliveryQueries(IQuerySession session)
{
    public const int MaxDeliveries = 500;

    /// <summary>Deliveries, newest intent first, optionally in one state; eventually consistent with the streams.</summary>
    public async Task<IReadOnlyList<DeliveryView>> List(DeliveryState? state, CancellationToken ct)
    {
        var q = session.Query<DeliveryView>().AsQueryable();
        if (state is { } s) q = q.Where(v => v.State == s);
        return await q.OrderByDescending(v => v.IntendedAt).ThenBy(v => v.Id).Take(MaxDeliveries).ToListAsync(ct);
    }
}
