using Marten;
using Partnership.Customer.Domain;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten.ReadModels;

namespace Partnership.Customer.Onboarding.Reading;

public sealed class CustomerViewProjector(IServiceProvider services) : ViewProjector<CustomerView>(services)
{
    public override string SubscriptionName => "customer-views";

    // Version 4: views carry the invitation (number and time) the expiry sweeper looks for.
    public override int Version => 4;

    protected override string? ViewIdFor(RecordedEvent recorded) => recorded.Data switch
    {
        CustomerRecordCreated e => e.CustomerId,
        SubaccountAssigned or OrganizationAssigned or PartnershipConfirmed or InvitationDeclined or InvitationExpired or CustomerReinvited or PartnershipEnded or PartnershipSuspended or PartnershipResumed
            or ProvisioningCompleted or ProvisioningFailed or CloudAddedToSubaccount or CloudRemovedFromSubaccount => CustomerIds.FromStream(recorded.StreamId),
        _ => null,
    };

    protected override CustomerView? Apply(CustomerView? view, RecordedEvent recorded)
    {
        if (recorded.Data is CustomerRecordCreated created)
            return new CustomerView
            {
                PartnerAccountId = created.PartnerAccountId, CustomerAccountId = created.CustomerAccountId, Name = created.Name,
                Email = created.Email, SearchText = (created.Name + "\n" + created.Email).ToLowerInvariant(),
                Status = CustomerStatus.VerificationRequired, CreatedAt = created.At, InvitedAt = created.At, Version = recorded.StreamVersion,
                TracksBindings = created.TracksBindings,
            };
        if (view is null) return null;
        view.Version = recorded.StreamVersion;
        switch (recorded.Data)
        {
            case SubaccountAssigned e: view.SubaccountId = e.SubaccountId; break;
            case OrganizationAssigned e: view.OrganizationId = e.OrganizationId; break;
            case PartnershipConfirmed e: view.Status = CustomerStatus.Active; view.ConfirmedAt = e.At; break;
            case InvitationDeclined: view.Status = CustomerStatus.Declined; break;
            case InvitationExpired: view.Status = CustomerStatus.Expired; break;
            case CustomerReinvited e:
                view.Status = CustomerStatus.VerificationRequired; view.Invitation = e.Invitation; view.InvitedAt = e.At;
                break;
            case PartnershipEnded: view.Status = CustomerStatus.Ended; break;
            case ProvisioningCompleted: view.Provisioning = ProvisioningStatus.Complete; break;
            case ProvisioningFailed e: view.Provisioning = ProvisioningStatus.Failed; view.ProvisioningFailureReason = e.Reason; break;
            case PartnershipSuspended: view.Status = CustomerStatus.Suspended; break;
            case PartnershipResumed: view.Status = CustomerStatus.Active; break;
            case CloudAddedToSubaccount e: view.CloudIds = [.. view.CloudIds.Where(c => c != e.CloudId), e.CloudId]; break;
            case CloudRemovedFromSubaccount e: view.CloudIds = view.CloudIds.Where(c => c != e.CloudId).ToList(); break;
        }
        if (view.Provisioning == ProvisioningStatus.InProgress && !view.TracksBindings && view.SubaccountId is not null && view.OrganizationId is not null)
            view.Provisioning = ProvisioningStatus.Complete;
        return view;
    }
}
