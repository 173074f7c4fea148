using Google.Protobuf.Reflection;

namespace Partnership.ServiceDefaults.Authorization;

/// <summary>Who may call an RPC at all, judged from the token (and, for partners, partner status now).</summary>
public enum Caller
{
    /// <summary>Any authenticated account; whose resource it is and in which state is the decision's first step.</summary>
    Account,
    /// <summary>An account holding partner status at this moment: a withdrawn status stops the call at once.</summary>
    Partner,
    /// <summary>A partner (as above) or an operator.</summary>
    PartnerOrOperator,
    /// <summary>Staff of the cloud provider (a token with role operator from our issuer).</summary>
    Operator,
    /// <summary>An operator, or a subscriber client: a token whose <c>sub</c> the service names in Events:Subscribers.</summary>
    OperatorOrSubscriber,
}

/// <param name="Caller">Checked before the handler runs.</param>
/// <param name="Rule">The resource and lifecycle rule the handler's decision enforces, in words (README, tests).</param>
public sealed record RpcRule(string Method, Caller Caller, string Rule);

/// <summary>
/// One service's authorization policy: every RPC it serves with who may call it. Enforced by
/// <see cref="CallerPolicyInterceptor"/> before any handler runs; an RPC of the service missing from the policy is
/// refused, so a new RPC cannot go out unguarded.
/// </summary>
public sealed class CallerPolicy
{
    private readonly Dictionary<string, RpcRule> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _services = new(StringComparer.Ordinal);

    public IReadOnlyCollection<RpcRule> Rules => _rules.Values;

    public IReadOnlyCollection<string> Services => _services;

    public CallerPolicy Rpc(ServiceDescriptor service, string method, Caller caller, string rule)
    {
        if (service.FindMethodByName(method) is null)
            throw new ArgumentException($"{service.FullName} has no RPC {method}.", nameof(method));
        _services.Add(service.FullName);
        var path = Path(service.FullName, method);
        if (!_rules.TryAdd(path, new RpcRule(path, caller, rule)))
            throw new ArgumentException($"{path} has a rule already.", nameof(method));
        return this;
    }

    /// <summary>The rule for a call's method ("/package.Service/Method"); null for services this policy does not govern (health, reflection).</summary>
    public bool Governs(string method, out RpcRule? rule)
    {
        rule = _rules.GetValueOrDefault(method);
        return rule is not null || _services.Contains(ServiceOf(method));
    }

    /// <summary>The RPCs of the given services that have no rule: a test keeps this empty.</summary>
    public IReadOnlyList<string> Unruled(params ServiceDescriptor[] services) =>
        services.SelectMany(s => s.Methods.Select(m => Path(s.FullName, m.Name))).Where(p => !_rules.ContainsKey(p)).ToList();

    public static string Path(string serviceFullName, string method) => $"/{serviceFullName}/{method}";

    private static string ServiceOf(string method)
    {
        var trimmed = method.TrimStart('/');
        var slash = trimmed.IndexOf('/');
        return slash < 0 ? trimmed : trimmed[..slash];
    }
}
