using System.Collections.Immutable;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

/// <summary>A billing account: state folded from its stream, and the decisions about it (charges in BillingAccountRecord.Charges.cs).</summary>
/// <param name="InitialGrant">What is left of the initial grant; charges spend it first.</param>
/// <param name="Outstanding">Charges the grant did not cover, not yet paid.</param>
/// <param name="CloudIds">The clouds it pays for now, in the order they were bound.</param>
/// <param name="CloudVersions">Per cloud, the cloud stream version of the last binding change copied here.</param>
/// <param name="Charges">Per charge request ID, what it charged: a retry finds it and counts nothing.</param>
/// <param name="Payments">Per payment reference, the amount paid under it: a retry finds it and pays nothing.</param>
public sealed partial record BillingAccountRecord(
    string BillingAccountId,
    BillingAccountKind Kind,
    string OwnerAccountId,
    string CustomerAccountId,
    string CustomerId,
    ConsumptionMode Mode,
    decimal InitialGrant,
    string Currency,
    DateTimeOffset? CreatedAt,
    decimal Outstanding,
    ImmutableList<string> CloudIds,
    ImmutableDictionary<string, long> CloudVersions,
    ImmutableDictionary<string, AccruedCharge> Charges,
    ImmutableDictionary<string, decimal> Payments) : IDecider<BillingAccountRecord, BillingAccountCommand>
{
    public static BillingAccountRecord Initial { get; } =
        new("", BillingAccountKind.None, "", "", "", ConsumptionMode.None, 0m, "", null, 0m, [], ImmutableDictionary<string, long>.Empty,
            ImmutableDictionary<string, AccruedCharge>.Empty, ImmutableDictionary<string, decimal>.Empty);

    /// <summary>
    /// The number of events folded, which is the stream version: what a client's expected_version is compared with
    /// inside the decision, so a stale one is refused like any other rule.
    /// </summary>
    public long Version { get; init; }

    public bool Exists => Kind != BillingAccountKind.None;

    /// <summary>For a subaccount: its customer confirmed the partnership (status Active), so it may pay for clouds.</summary>
    public bool PartnershipActive { get; init; }

    /// <summary>For a subaccount: the partner or the customer ended its partnership.</summary>
    public bool PartnershipEnded { get; init; }

    /// <summary>For a subaccount: an operator suspended its partnership, as the latest change known says.</summary>
    public bool PartnershipSuspended { get; init; }

    /// <summary>
    /// The customer record version of the last suspension or resumption copied here: the two arrive on separate queues,
    /// so only a later version changes anything.
    /// </summary>
    public long SuspensionAsOf { get; init; }

    /// <summary>
    /// Whether charges accrue to it: a personal account always, a subaccount once its partnership is Active, and still
    /// after it ended, for the clouds left in it (they stay billed to it until moved).
    /// </summary>
    public bool Chargeable => Kind == BillingAccountKind.Personal || (Kind == BillingAccountKind.PartnerSubaccount && PartnershipActive);

    /// <summary>
    /// Whether clouds may be created in it or linked into it now: chargeable, and for a subaccount neither ended nor
    /// suspended. (A suspended subaccount stays chargeable: the clouds in it are still billed to it.)
    /// </summary>
    public bool Billable => Chargeable && !PartnershipEnded && !PartnershipSuspended;

    /// <summary>
    /// A cloud belongs to the account that created it (its customer): it may be billed only to that account's own
    /// billing account or to a subaccount opened for that account as a customer.
    /// </summary>
    public bool BelongsTo(string accountId) =>
        (Kind == BillingAccountKind.Personal && OwnerAccountId == accountId)
        || (Kind == BillingAccountKind.PartnerSubaccount && CustomerAccountId == accountId);

    /// <summary>Who may see it: the owner of a personal account; the partner and the customer of a subaccount.</summary>
    public bool IsVisibleTo(string accountId) =>
        Exists && (OwnerAccountId == accountId || (Kind == BillingAccountKind.PartnerSubaccount && CustomerAccountId == accountId));

    /// <summary>The partner of a subaccount: the one that lists and checks the customer's clouds to link into it.</summary>
    public bool IsPartnerSubaccountOf(string accountId) =>
        Kind == BillingAccountKind.PartnerSubaccount && OwnerAccountId == accountId;

    /// <summary>A new cloud may be paid by the creator's own account, or by a subaccount where the creator is the customer.</summary>
    public bool MayCreateCloudsIn(string accountId) =>
        (Kind == BillingAccountKind.Personal && OwnerAccountId == accountId)
        || (Kind == BillingAccountKind.PartnerSubaccount && CustomerAccountId == accountId);

    /// <summary>
    /// A cloud may be linked to a subaccount by its partner or its customer, or back to the caller's own account;
    /// the roles on the cloud and on its current account are checked on top of this.
    /// </summary>
    public bool MayReceiveCloudsFrom(string accountId) =>
        (Kind == BillingAccountKind.Personal && OwnerAccountId == accountId)
        || (Kind == BillingAccountKind.PartnerSubaccount && (OwnerAccountId == accountId || CustomerAccountId == accountId));

    /// <summary>Subaccounts carry no grant and so no currency of their own: they are billed in the configured one.</summary>
    public string CurrencyOr(string configuredCurrency) => Currency.Length > 0 ? Currency : configuredCurrency;

    // Every event counts toward the version, including any this fold ignores.
    public static BillingAccountRecord Evolve(BillingAccountRecord state, object @event) =>
        Apply(state, @event) with { Version = state.Version + 1 };

    private static BillingAccountRecord Apply(BillingAccountRecord state, object @event) => @event switch
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
        SubaccountActivated => state with { PartnershipActive = true },
        SubaccountPartnershipEnded => state with { PartnershipEnded = true },
        SubaccountSuspended e => state with { PartnershipSuspended = true, SuspensionAsOf = e.CustomerVersion },
        SubaccountResumed e => state with { PartnershipSuspended = false, SuspensionAsOf = e.CustomerVersion },
        // The unspent grant stays on the account: only the mode changes.
        SwitchedToPaidConsumption => state with { Mode = ConsumptionMode.Paid },
        ChargeAccrued e => state with
        {
            InitialGrant = state.InitialGrant - e.CoveredByGrant, Outstanding = state.Outstanding + e.AddedToOutstanding,
        },
        ChargeAccruedV2 e => state with
        {
            InitialGrant = state.InitialGrant - e.CoveredByGrant, Outstanding = state.Outstanding + e.AddedToOutstanding,
            Charges = state.Charges.SetItem(e.RequestId, new AccruedCharge(e.CloudId, e.Amount)),
        },
        OutstandingPaid e => state with { Outstanding = state.Outstanding - e.Amount },
        OutstandingPaidV2 e => state with
        {
            Outstanding = state.Outstanding - e.Amount, Payments = state.Payments.SetItem(e.PaymentReference, e.Amount),
        },
        CloudBound e => state with
        {
            CloudIds = state.CloudIds.Contains(e.CloudId) ? state.CloudIds : state.CloudIds.Add(e.CloudId),
            CloudVersions = state.CloudVersions.SetItem(e.CloudId, e.CloudVersion),
        },
        CloudUnbound e => state with
        {
            CloudIds = state.CloudIds.Remove(e.CloudId), CloudVersions = state.CloudVersions.SetItem(e.CloudId, e.CloudVersion),
        },
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
            : [new SubaccountOpened(c.BillingAccountId, c.PartnerAccountId, c.CustomerAccountId, c.CustomerId, c.Now, c.CustomerName)],
        SwitchToPaidConsumption c => Switch(c, state),
        // Redelivered confirmations, and a subaccount this service never opened, change nothing.
        ActivateSubaccount c => state.Kind == BillingAccountKind.PartnerSubaccount && !state.PartnershipActive
            ? [new SubaccountActivated(c.Now)]
            : [],
        EndSubaccountPartnership c => state.Kind == BillingAccountKind.PartnerSubaccount && !state.PartnershipEnded
            ? [new SubaccountPartnershipEnded(c.Now)]
            : [],
        // Redeliveries, and a change overtaken by a later one of the same record, change nothing.
        SuspendSubaccount c => state.IsNewerSuspensionChange(c.CustomerVersion) ? [new SubaccountSuspended(c.CustomerVersion, c.Now)] : [],
        ResumeSubaccount c => state.IsNewerSuspensionChange(c.CustomerVersion) ? [new SubaccountResumed(c.CustomerVersion, c.Now)] : [],
        RecordCharge c => Charge(c, state),
        PayOutstanding c => Pay(c, state),
        BindCloud c => state.IsNewerBindingOf(c.CloudId, c.CloudVersion) ? [new CloudBound(c.CloudId, c.CloudVersion, c.Now)] : [],
        UnbindCloud c => state.IsNewerBindingOf(c.CloudId, c.CloudVersion) ? [new CloudUnbound(c.CloudId, c.CloudVersion, c.Now)] : [],
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    // Copies of the binding come twice (from the request that moved the cloud, and from the catch-up subscription that
    // repairs a crash between the two appends) and in any order: only a newer cloud version changes anything.
    private bool IsNewerBindingOf(string cloudId, long cloudVersion) =>
        Exists && cloudVersion > CloudVersions.GetValueOrDefault(cloudId);

    private bool IsNewerSuspensionChange(long customerVersion) =>
        Kind == BillingAccountKind.PartnerSubaccount && customerVersion > SuspensionAsOf;

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

/// <summary>What one charge request ID charged to this account.</summary>
public sealed record AccruedCharge(string CloudId, decimal Amount);
