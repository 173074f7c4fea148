using Partnership.EventSourcing.Marten.ReadModels;
using Partnership.Notification.Domain;

namespace Partnership.Notification.Delivering.Reading;

/// <summary>One document per confirmation email (its ID is the customer ID), for operators and the sweeper.</summary>
public sealed class DeliveryView : IView
{
    public string Id { get; set; } = "";
    public long LastPosition { get; set; }
    public long Version { get; set; }
    public string CustomerId { get; set; } = "";
    public string Recipient { get; set; } = "";
    public string Subject { get; set; } = "";
    public DeliveryState State { get; set; }
    public DateTimeOffset IntendedAt { get; set; }
    public DateTimeOffset? OutcomeAt { get; set; }
    /// <summary>Why the delivery failed or is unknown.</summary>
    public string? Reason { get; set; }
}
