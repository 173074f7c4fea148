namespace Partnership.EventSourcing.Marten.ReadModels;

/// <summary>A read model that can be thrown away and rebuilt from the streams.</summary>
public interface IReadModel
{
    string SubscriptionName { get; }
    int Version { get; }
    Task Clear(CancellationToken ct);
}

/// <summary>Remembers which version of a read model was built, so a missing or outdated one is rebuilt.</summary>
public sealed class ReadModelMarker
{
    public string Id { get; set; } = "";
    public int Version { get; set; }
}
