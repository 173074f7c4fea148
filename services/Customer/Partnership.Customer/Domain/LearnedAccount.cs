using Partnership.EventSourcing;

namespace Partnership.CustomerService.Domain;

/// <summary>One fact as last heard, as of when its owner (Identity/Roles, Billing-Account) changed it.</summary>
public sealed record LearnedFact(bool Holds, DateTimeOffset AsOf);

/// <summary>
/// What this service has learned of one account from other services' events: whether it holds partner status
/// (Identity/Roles) and whether its own billing account is in paid consumption mode (Billing-Account). Used to let
/// CreateCustomer through without asking them; a "no" here is never final (the handler asks them live first).
/// </summary>
public sealed record LearnedAccount(LearnedFact? PartnerStatus, LearnedFact? PaidMode) : IDecider<LearnedAccount, LearnedAccountCommand>
{
    public static LearnedAccount Initial { get; } = new(null, null);

    public bool IsPartner => PartnerStatus?.Holds == true;
    public bool InPaidMode => PaidMode?.Holds == true;

    public static LearnedAccount Evolve(LearnedAccount state, object @event) => @event switch
    {
        PartnerStatusLearned e => state with { PartnerStatus = new LearnedFact(e.Partner, e.AsOf) },
        PaidModeLearned e => state with { PaidMode = new LearnedFact(e.Paid, e.AsOf) },
        _ => state,
    };

    /// <summary>
    /// Last writer wins per fact, by the owner's own time of the change: the assigned and withdrawn events (and the
    /// billing account's creation and switch) come through different queues, so a redelivery (same time) or a
    /// message overtaken by a newer one changes nothing. A withdrawal never heard of before is recorded too, so the
    /// older assignment it overtook stays ignored when it comes.
    /// </summary>
    public static IReadOnlyList<object> Decide(LearnedAccountCommand command, LearnedAccount state) => command switch
    {
        LearnPartnerStatus c when IsNewer(state.PartnerStatus, c.OccurredAt) => [new PartnerStatusLearned(c.AccountId, c.Partner, c.OccurredAt)],
        LearnPaidMode c when IsNewer(state.PaidMode, c.OccurredAt) => [new PaidModeLearned(c.AccountId, c.Paid, c.OccurredAt)],
        LearnPartnerStatus or LearnPaidMode => [],
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static bool IsNewer(LearnedFact? known, DateTimeOffset occurredAt) => known is null || occurredAt > known.AsOf;
}
