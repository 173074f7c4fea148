using JasperFx.Core;
using Partnership.Notification.Domain;

namespace Partnership.Notification.Delivering.Reading;

/// <summary>One document per confirmation email (its ID is the customer ID), for operators, the resumer and the sweeper.</summary>
public sealed class DeliveryView
{
    public string Id { get; set; } = "";
    /// <summary>The email's stream version, set by the projection (ignored by Marten, which would put the event's global sequence here).</summary>
    [JasperFxIgnore]
    public long Version { get; set; }
    public string CustomerId { get; set; } = "";
    /// <summary>Which invitation of the customer the email is for (1 for the first).</summary>
    public int Invitation { get; set; } = 1;
    public string Recipient { get; set; } = "";
    public string Subject { get; set; } = "";
    public DeliveryState State { get; set; }
    public DateTimeOffset IntendedAt { get; set; }
    public DateTimeOffset? OutcomeAt { get; set; }
    /// <summary>Why the delivery failed, is unknown, or why the last attempt did not deliver.</summary>
    public string? Reason { get; set; }
    /// <summary>Attempts that certainly did not deliver so far.</summary>
    public int Attempts { get; set; }
    /// <summary>When the mail in flight was handed to the SMTP server (while <see cref="DeliveryState.Sending"/>).</summary>
    public DateTimeOffset? HandedOverAt { get; set; }
    /// <summary>When the next attempt is due (while <see cref="DeliveryState.Retrying"/>).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
}
