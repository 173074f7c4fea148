using System.Globalization;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

/// <summary>
/// What one request ID names, folded from its own stream. This is where a retried RecordCharge is recognised: the
/// stream is keyed by the request ID alone, so a retry after the cloud moved still finds the account first charged.
/// </summary>
public sealed record ChargeRequestRecord(string RequestId, string CloudId, decimal Amount, string BillingAccountId, DateTimeOffset? RequestedAt)
    : IDecider<ChargeRequestRecord, ChargeRequestCommand>
{
    public static ChargeRequestRecord Initial { get; } = new("", "", 0m, "", null);

    public bool Exists => RequestId.Length > 0;

    public static ChargeRequestRecord Evolve(ChargeRequestRecord state, object @event) => @event switch
    {
        ChargeRequested e => new(e.RequestId, e.CloudId, e.Amount, e.BillingAccountId, e.At),
        _ => state,
    };

    public static IReadOnlyList<object> Decide(ChargeRequestCommand command, ChargeRequestRecord state) => command switch
    {
        RequestCharge c => Request(c, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static IReadOnlyList<object> Request(RequestCharge c, ChargeRequestRecord state)
    {
        ClientKey.Check(c.RequestId, "request_id", "so that a retried charge counts once");
        MoneyAmount.Check(c.Amount);
        if (!state.Exists) return [new ChargeRequested(c.RequestId, c.CloudId, c.Amount, c.BillingAccountId, c.Now)];
        // A retry: the account it was first charged to stays the one, wherever the cloud is bound now.
        if (state.CloudId == c.CloudId && state.Amount == c.Amount) return [];
        throw DomainException.AlreadyExists(
            $"request_id already names another charge (cloud {state.CloudId}, amount {state.Amount.ToString("0.00", CultureInfo.InvariantCulture)}); a new charge needs a new request_id.");
    }
}
