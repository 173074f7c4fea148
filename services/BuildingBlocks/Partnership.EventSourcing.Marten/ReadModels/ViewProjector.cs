using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Partnership.EventSourcing.Marten.ReadModels;

/// <summary>
/// Keeps one kind of view document up to date from the store-wide log, as a checkpointed catch-up
/// subscription. Each document remembers the last position applied to it, so events that come again
/// after a crash before the checkpoint are skipped.
/// </summary>
public abstract class ViewProjector<TView>(IServiceProvider services) : ICatchUpSubscriber, IReadModel where TView : class, IView
{
    // Resolved on first use, not injected: Marten builds the subscription while it configures the store, so a
    // projector that took IDocumentStore in its constructor would make the store depend on itself (startup hangs).
    private IDocumentStore Store => field ??= services.GetRequiredService<IDocumentStore>();

    public abstract string SubscriptionName { get; }

    /// <summary>Bump to rebuild the model on the next start (its shape or meaning changed).</summary>
    public virtual int Version => 1;

    /// <summary>The document an event updates, or null when the event does not concern this view.</summary>
    protected abstract string? ViewIdFor(RecordedEvent recorded);

    /// <summary>The view after the event; <paramref name="view"/> is null before the first event.</summary>
    protected abstract TView? Apply(TView? view, RecordedEvent recorded);

    public async Task Handle(IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        // An event this build cannot read is the integration forwarder's to stop on (it parks the stream, loudly); a view
        // of it could only guess, so it is left out here.
        var relevant = events.Where(e => e.Data is not UnreadableEvent)
            .Select(e => (Id: ViewIdFor(e), Event: e)).Where(x => x.Id is not null).ToList();
        if (relevant.Count == 0) return;
        await using var session = Store.LightweightSession();
        var ids = relevant.Select(x => x.Id!).Distinct().ToArray();
        var views = (await session.LoadManyAsync<TView>(ct, ids)).ToDictionary(v => v.Id);
        var changed = new Dictionary<string, TView>();
        foreach (var (id, recorded) in relevant)
        {
            views.TryGetValue(id!, out var view);
            if (view is not null && recorded.Position <= view.LastPosition) continue;
            if (Apply(view, recorded) is not { } next) continue;
            next.Id = id!;
            next.LastPosition = recorded.Position;
            views[id!] = next;
            changed[id!] = next;
        }
        if (changed.Count == 0) return;
        session.Store(changed.Values.ToArray());
        await session.SaveChangesAsync(ct);
    }

    public Task Clear(CancellationToken ct) => Store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(TView), ct);
}
