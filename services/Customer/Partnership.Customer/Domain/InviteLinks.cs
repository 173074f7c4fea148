using Partnership.EventSourcing;

namespace Partnership.CustomerService.Domain;

public static class InviteLinks
{
    public static string For(string portalBaseUrl, string subaccountId) =>
        $"{portalBaseUrl.TrimEnd('/')}/invite/accept/{subaccountId}";

    /// <summary>The link the partner may hand the customer while the record awaits confirmation.</summary>
    public static string ForPartner(CustomerRecord state, string callerAccountId, string portalBaseUrl)
    {
        if (!state.Exists || state.PartnerAccountId != callerAccountId)
            throw DomainException.NotFound("The partner has no such customer.");
        if (state.Status is CustomerStatus.Active or CustomerStatus.Suspended)
            throw DomainException.Precondition("The customer has already confirmed the partnership.");
        if (state.Status == CustomerStatus.Declined)
            throw DomainException.Precondition("The customer declined the invitation.");
        if (state.Status == CustomerStatus.Expired)
            throw DomainException.Precondition("The invitation expired; reinvite the customer first.");
        if (state.Status == CustomerStatus.Ended)
            throw DomainException.Precondition("The partnership has ended.");
        if (state.SubaccountId is null)
            throw DomainException.Precondition("The customer's subaccount is not provisioned yet; try again in a moment.");
        return For(portalBaseUrl, state.SubaccountId);
    }
}
