using Partnership.EventSourcing;

namespace Partnership.CustomerService.Domain;

/// <summary>An invitation not answered in time expires; the partner may invite a declined or expired customer again.</summary>
public sealed partial record CustomerRecord
{
    private const string ExpiredMessage = "The invitation expired before the customer answered it.";

    // Judged on the stream, not on the read model the sweeper found it in: a record answered or reinvited since, or
    // expired by another replica a moment ago, is not due (the append's expected version settles a race).
    // A record whose subaccount never arrived is left waiting: there is no link to refuse and nothing to revoke yet.
    private static IReadOnlyList<object> Expire(ExpireInvitation c, CustomerRecord state) =>
        state.Status != CustomerStatus.VerificationRequired || state.SubaccountId is null || state.InvitedAt is not { } invitedAt
            || c.Now < invitedAt + c.ExpiresAfter
            ? []
            : [new InvitationExpired(state.PartnerAccountId, state.CustomerAccountId, state.SubaccountId, state.Invitation, c.Now)];

    private static IReadOnlyList<object> Reinvite(Reinvite c, CustomerRecord state)
    {
        // The partner only; the customer or a stranger is answered exactly as GetCustomer answers a stranger.
        if (!state.Exists || c.CallerAccountId != state.PartnerAccountId)
            throw DomainException.NotFound($"No customer {c.CustomerId}.");
        return state.Status switch
        {
            CustomerStatus.Declined or CustomerStatus.Expired =>
            [
                new CustomerReinvited(state.PartnerAccountId, state.CustomerAccountId, state.SubaccountId!, state.Name, state.Email,
                    InviteLinks.For(c.PortalBaseUrl, state.SubaccountId!), state.Invitation + 1, c.Now),
            ],
            // An open invitation (the first, or a reinvitation a retry repeats) is already what a reinvite would make.
            CustomerStatus.VerificationRequired => [],
            _ => throw DomainException.Precondition("The customer already confirmed the partnership: there is no invitation to renew."),
        };
    }
}
