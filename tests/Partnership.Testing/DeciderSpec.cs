using Partnership.EventSourcing;
using Xunit;

namespace Partnership.Testing;

/// <summary>
/// Given events / When command / Then events (or Then error) for a pure decider, with no store and no mocks:
/// <c>Spec.Given(e1, e2).When(cmd).Then(e3)</c>.
/// </summary>
public sealed class DeciderSpec<TState, TCommand> where TState : IDecider<TState, TCommand>
{
    private readonly object[] _given;
    private TCommand? _command;

    private DeciderSpec(object[] given) => _given = given;

    public static DeciderSpec<TState, TCommand> Given(params object[] events) => new(events);

    public DeciderSpec<TState, TCommand> When(TCommand command)
    {
        _command = command;
        return this;
    }

    public IReadOnlyList<object> Decide() =>
        TState.Decide(_command ?? throw new InvalidOperationException("When(...) first."), _given.Fold(TState.Initial, TState.Evolve));

    public void Then(params object[] expected) => Assert.Equal(expected, Decide());

    public void ThenNothing() => Assert.Empty(Decide());

    public DomainException ThenFails(DomainErrorKind kind, string? messageContains = null)
    {
        var error = Assert.Throws<DomainException>(() => Decide());
        Assert.Equal(kind, error.Kind);
        if (messageContains is not null) Assert.Contains(messageContains, error.Message, StringComparison.OrdinalIgnoreCase);
        return error;
    }

    public TState StateAfter(params object[] more) => _given.Concat(more).Fold(TState.Initial, TState.Evolve);
}
