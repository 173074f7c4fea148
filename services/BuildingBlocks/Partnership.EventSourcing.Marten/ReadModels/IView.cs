namespace Partnership.EventSourcing.Marten.ReadModels;

/// <summary>A read-model document. LastPosition makes applying an event idempotent under redelivery.</summary>
public interface IView
{
    string Id { get; set; }
    long LastPosition { get; set; }
}
