using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

/// <summary>A billing account: state folded from its stream, and the decisions about it.</summary>
public sealed record BillingAccountRecord(
    string BillingAccountId,
    BillingAccountKind Kind,
    string OwnerAccountId,
    string CustomerAccountId,
    string CustomerId,
    ConsumptionMode Mode,
    decimal InitialGrant,
    string Currency,
    DateTimeOffset? CreatedAt) : IDecider<BillingAccountRecord, BillingAccountCommand>
{
    public static BillingAccountRecord Initial { get; } =
        new("", BillingAccountKind.None, "", "", "", ConsumptionMode.None, 0m, "", null);

    public bool Exists => Kind != BillingAccountKind.None;

    /// <summary>Who may see it: the owner of a personal account; the partner and the customer of a subaccount.</summary>
    public bool IsVisibleTo(string accountId) =>
        Exists && (OwnerAccountId == accountId || (Kind == BillingAccountKind.PartnerSubaccount && CustomerAccountId == accountId));

    public static BillingAccountRecord Evolve(BillingAccountRecord state, object @event) => @event switch
    {
        PersonalAccountOpened e => state with
        {
            BillingAccountId = e.BillingAccountId, Kind = BillingAccountKind.Personal, OwnerAccountId = e.OwnerAccountId,
            Mode = ConsumptionMode.Trial, InitialGrant = e.InitialGrant, Currency = e.Currency, CreatedAt = e.At,
        },
        SubaccountOpened e => state with
        {
            BillingAccountId = e.BillingAccountId, Kind = BillingAccountKind.PartnerSubaccount, OwnerAccountId = e.PartnerAccountId,
            CustomerAccountId = e.CustomerAccountId, CustomerId = e.CustomerId, Mode = ConsumptionMode.Paid, CreatedAt = e.At,
        },
        // The unspent grant stays on the account: only the mode changes.
        SwitchedToPaidConsumption => state with { Mode = ConsumptionMode.Paid },
        _ => state,
    };

    public static IReadOnlyList<object> Decide(BillingAccountCommand command, BillingAccountRecord state) => command switch
    {
        // Opening is idempotent: a redelivered or duplicated message finds the account there.
        OpenPersonalAccount c => state.Exists
            ? []
            : [new PersonalAccountOpened(c.BillingAccountId, c.OwnerAccountId, c.InitialGrant, c.Currency, c.Now)],
        OpenSubaccount c => state.Exists
            ? []
            : [new SubaccountOpened(c.BillingAccountId, c.PartnerAccountId, c.CustomerAccountId, c.CustomerId, c.Now)],
        SwitchToPaidConsumption c => Switch(c, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static IReadOnlyList<object> Switch(SwitchToPaidConsumption c, BillingAccountRecord state)
    {
        if (!state.Exists)
            throw DomainException.NotFound("No billing account yet.");
        if (state.Kind == BillingAccountKind.PartnerSubaccount)
            throw DomainException.Precondition("A partner subaccount is billed through its partner and is always in paid consumption mode.");
        if (state.Mode == ConsumptionMode.Paid) return [];
        return [new SwitchedToPaidConsumption(state.OwnerAccountId, state.InitialGrant, state.Currency, c.Now)];
    }
}
