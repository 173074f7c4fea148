using JasperFx.Events;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing.Marten.ReadModels;

namespace Partnership.CustomerService.Onboarding.Reading;

/// <summary>The partner's list of customers. Bump Version when a view's shape or meaning changes: the daemon builds the new version from the first event.</summary>
public sealed class CustomerViewProjection() : StreamViewProjection<CustomerView>("customer-views", CustomerIds.FromStream,
    typeof(CustomerRecordCreated), typeof(SubaccountAssigned), typeof(OrganizationAssigned), typeof(OrganizationAssignedV2),
    typeof(PartnershipConfirmed),
    typeof(InvitationDeclined), typeof(InvitationExpired), typeof(CustomerReinvited), typeof(PartnershipEnded), typeof(PartnershipSuspended),
    typeof(PartnershipResumed), typeof(ProvisioningCompleted), typeof(ProvisioningFailed), typeof(CloudAddedToSubaccount),
    typeof(CloudRemovedFromSubaccount))
{
    public override CustomerView? Evolve(CustomerView? view, string id, IEvent e)
    {
        if (e.Data is CustomerRecordCreated created)
            return new CustomerView
            {
                Id = id, PartnerAccountId = created.PartnerAccountId, CustomerAccountId = created.CustomerAccountId, Name = created.Name,
                Email = created.Email, SearchText = (created.Name + "\n" + created.Email).ToLowerInvariant(),
                Status = CustomerStatus.VerificationRequired, CreatedAt = created.At, InvitedAt = created.At, Version = e.Version,
                TracksBindings = created.TracksBindings,
            };
        if (view is null) return null;
        view.Version = e.Version;
        switch (e.Data)
        {
            case SubaccountAssigned s: view.SubaccountId = s.SubaccountId; break;
            case OrganizationAssigned o: view.OrganizationId = o.OrganizationId; break;
            case OrganizationAssignedV2 o: view.OrganizationId = o.OrganizationId; break;
            case PartnershipConfirmed c: view.Status = CustomerStatus.Active; view.ConfirmedAt = c.At; break;
            case InvitationDeclined: view.Status = CustomerStatus.Declined; break;
            case InvitationExpired: view.Status = CustomerStatus.Expired; break;
            case CustomerReinvited r:
                view.Status = CustomerStatus.VerificationRequired; view.Invitation = r.Invitation; view.InvitedAt = r.At;
                break;
            case PartnershipEnded: view.Status = CustomerStatus.Ended; break;
            case ProvisioningCompleted: view.Provisioning = ProvisioningStatus.Complete; break;
            case ProvisioningFailed f: view.Provisioning = ProvisioningStatus.Failed; view.ProvisioningFailureReason = f.Reason; break;
            case PartnershipSuspended: view.Status = CustomerStatus.Suspended; break;
            case PartnershipResumed: view.Status = CustomerStatus.Active; break;
            case CloudAddedToSubaccount a: view.CloudIds = [.. view.CloudIds.Where(c => c != a.CloudId), a.CloudId]; break;
            case CloudRemovedFromSubaccount r: view.CloudIds = view.CloudIds.Where(c => c != r.CloudId).ToList(); break;
        }
        if (view.Provisioning == ProvisioningStatus.InProgress && !view.TracksBindings && view.SubaccountId is not null && view.OrganizationId is not null)
            view.Provisioning = ProvisioningStatus.Complete;
        return view;
    }
}
