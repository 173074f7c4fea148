using Partnership.EventSourcing;

namespace Partnership.IdentityRoles.Domain;

/// <summary>An organization: state folded from its stream, and the decisions about it.</summary>
public sealed record OrganizationRecord(
    string OrganizationId,
    string Name,
    string CustomerId,
    string PartnerAccountId,
    string CustomerAccountId,
    DateTimeOffset? CreatedAt) : IDecider<OrganizationRecord, OrganizationCommand>
{
    public static OrganizationRecord Initial { get; } = new("", "", "", "", "", null);

    public bool Exists => CreatedAt is not null;

    public static OrganizationRecord Evolve(OrganizationRecord state, object @event) => @event switch
    {
        OrganizationCreated e => state with
        {
            OrganizationId = e.OrganizationId, Name = e.Name, CustomerId = e.CustomerId, PartnerAccountId = e.PartnerAccountId,
            CustomerAccountId = e.CustomerAccountId, CreatedAt = e.At,
        },
        _ => state,
    };

    public static IReadOnlyList<object> Decide(OrganizationCommand command, OrganizationRecord state) => command switch
    {
        // The first creation wins: a redelivered or duplicated SubaccountCreated (or a CustomerCreated drained after an
        // upgrade) changes nothing.
        CreateCustomerOrganization c => state.Exists
            ? []
            : [new OrganizationCreated(c.OrganizationId, OrganizationIds.NameForCustomer(c.CustomerName), c.CustomerId,
                c.PartnerAccountId, c.CustomerAccountId, c.Now, c.DefaultBindings)],
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };
}
