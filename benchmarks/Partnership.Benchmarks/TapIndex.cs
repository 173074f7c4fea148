using System.Text.Json;
using Partnership.Testing;

namespace Partnership.Benchmarks;

/// <summary>
/// Counts what the <see cref="EventTap"/> saw per exchange and per key (the customer ID, or the account ID for
/// account-level events), reading only the events that arrived since the last refresh.
/// </summary>
public sealed class TapIndex(EventTap tap)
{
    private static readonly Dictionary<string, string> KeyFields = new()
    {
        ["partnership.account-registered.v1"] = "accountId",
        ["partnership.partner-status-assigned.v1"] = "accountId",
        ["partnership.billing-account-created.v1"] = "ownerAccountId",
        ["partnership.switched-to-paid-consumption.v1"] = "ownerAccountId",
    };

    private readonly object _gate = new();
    private readonly Dictionary<(string Exchange, string Key), int> _counts = new();
    private readonly Dictionary<string, int> _totals = new();
    private readonly HashSet<string> _messageIds = new();
    private int _seen;

    /// <summary>Deliveries whose MessageId the tap had already seen (a republish after a forwarder restart).</summary>
    public int RepeatedMessageIds { get; private set; }

    public int Seen
    {
        get
        {
            lock (_gate) return _seen;
        }
    }

    public void Refresh()
    {
        lock (_gate)
        {
            var index = 0;
            // The queue only grows at its tail, so the first _seen items are the ones already counted.
            foreach (var e in tap.Events)
            {
                if (index++ < _seen) continue;
                _seen++;
                _totals[e.Exchange] = _totals.GetValueOrDefault(e.Exchange) + 1;
                if (e.MessageId is { } id && !_messageIds.Add(id)) RepeatedMessageIds++;
                var field = KeyFields.GetValueOrDefault(e.Exchange, "customerId");
                if (e.Message.ValueKind == JsonValueKind.Object && e.Message.TryGetProperty(field, out var key) && key.GetString() is { } value)
                    _counts[(e.Exchange, value)] = _counts.GetValueOrDefault((e.Exchange, value)) + 1;
            }
        }
    }

    public int Count(string exchange, string key)
    {
        lock (_gate) return _counts.GetValueOrDefault((exchange, key));
    }

    public int Total(string exchange)
    {
        lock (_gate) return _totals.GetValueOrDefault(exchange);
    }

    public int TotalAll()
    {
        lock (_gate) return _totals.Values.Sum();
    }
}

/// <summary>Mails the SMTP server accepted, counted per recipient, reading only what arrived since the last refresh.</summary>
public sealed class MailIndex(RecordingSmtpServer smtp)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _byRecipient = new(StringComparer.OrdinalIgnoreCase);
    private int _seen;

    public void Refresh()
    {
        lock (_gate)
        {
            var index = 0;
            foreach (var mail in smtp.Received)
            {
                if (index++ < _seen) continue;
                _seen++;
                _byRecipient[mail.To] = _byRecipient.GetValueOrDefault(mail.To) + 1;
            }
        }
    }

    public int To(string recipient)
    {
        lock (_gate) return _byRecipient.GetValueOrDefault(recipient);
    }

    public int Total
    {
        get
        {
            lock (_gate) return _seen;
        }
    }

    public IReadOnlyCollection<string> Recipients
    {
        get
        {
            lock (_gate) return _byRecipient.Keys.ToList();
        }
    }
}
