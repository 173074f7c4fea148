using Partnership.EventSourcing;

namespace Partnership.CustomerService.Domain;

/// <summary>
/// Which account is registered with one email, learned from Identity/Roles' AccountRegistered. Identity/Roles
/// registers an email once and never changes it, so the first account heard of is the answer.
/// </summary>
public sealed record LearnedEmail(string? AccountId) : IDecider<LearnedEmail, LearnAccountEmail>
{
    public static LearnedEmail Initial { get; } = new((string?)null);

    public static LearnedEmail Evolve(LearnedEmail state, object @event) => @event switch
    {
        AccountEmailLearned e => state with { AccountId = e.AccountId },
        _ => state,
    };

    public static IReadOnlyList<object> Decide(LearnAccountEmail command, LearnedEmail state) =>
        state.AccountId is null ? [new AccountEmailLearned(command.Email, command.AccountId, command.OccurredAt)] : [];
}
