using Google.Protobuf.WellKnownTypes;
using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Onboarding.Reading;
using Partnership.EventSourcing;
using Proto = Partnership.Contracts.Customers.V1;

namespace Partnership.CustomerService.Api;

internal static class CustomerMapping
{
    public static Proto.Customer ToProto(CustomerRecord r, long version) => new()
    {
        CustomerId = r.CustomerId, PartnerAccountId = r.PartnerAccountId, CustomerAccountId = r.CustomerAccountId, Name = r.Name,
        Email = r.Email, Status = ToProto(r.Status), SubaccountId = r.SubaccountId ?? "", OrganizationId = r.OrganizationId ?? "",
        CreateTime = r.CreatedAt is { } c ? Timestamp.FromDateTimeOffset(c) : null,
        ConfirmTime = r.ConfirmedAt is { } a ? Timestamp.FromDateTimeOffset(a) : null, Version = version,
        CloudIds = { r.CloudIds }, Provisioning = ToProto(r.Provisioning), ProvisioningFailureReason = r.ProvisioningFailure ?? "",
        Invitation = r.Invitation,
    };

    public static Proto.Customer ToProto(CustomerView v) => new()
    {
        CustomerId = v.Id, PartnerAccountId = v.PartnerAccountId, CustomerAccountId = v.CustomerAccountId, Name = v.Name,
        Email = v.Email, Status = ToProto(v.Status), SubaccountId = v.SubaccountId ?? "", OrganizationId = v.OrganizationId ?? "",
        CreateTime = Timestamp.FromDateTimeOffset(v.CreatedAt),
        ConfirmTime = v.ConfirmedAt is { } a ? Timestamp.FromDateTimeOffset(a) : null, Version = v.Version,
        CloudIds = { v.CloudIds }, Provisioning = ToProto(v.Provisioning), ProvisioningFailureReason = v.ProvisioningFailureReason ?? "",
        Invitation = v.Invitation,
    };

    public static Proto.CustomerHistoryEntry ToProto(HistoryEntry e) => new()
    {
        Version = e.Version, Time = Timestamp.FromDateTimeOffset(e.At), ActorAccountId = e.ActorAccountId, Actor = e.Actor,
        Change = e.Change, Description = e.Description, RequestId = e.RequestId,
    };

    private static Proto.ProvisioningState ToProto(ProvisioningStatus s) => s switch
    {
        ProvisioningStatus.InProgress => Proto.ProvisioningState.InProgress,
        ProvisioningStatus.Complete => Proto.ProvisioningState.Complete,
        ProvisioningStatus.Failed => Proto.ProvisioningState.Failed,
        _ => Proto.ProvisioningState.Unspecified,
    };

    private static Proto.CustomerStatus ToProto(CustomerStatus s) => s switch
    {
        CustomerStatus.VerificationRequired => Proto.CustomerStatus.VerificationRequired,
        CustomerStatus.Active => Proto.CustomerStatus.Active,
        CustomerStatus.Declined => Proto.CustomerStatus.Declined,
        CustomerStatus.Ended => Proto.CustomerStatus.Ended,
        CustomerStatus.Suspended => Proto.CustomerStatus.Suspended,
        CustomerStatus.Expired => Proto.CustomerStatus.Expired,
        _ => Proto.CustomerStatus.Unspecified,
    };

    public static CustomerStatus? FromProto(Proto.CustomerStatus s) => s switch
    {
        Proto.CustomerStatus.Unspecified => null,
        Proto.CustomerStatus.VerificationRequired => CustomerStatus.VerificationRequired,
        Proto.CustomerStatus.Active => CustomerStatus.Active,
        Proto.CustomerStatus.Declined => CustomerStatus.Declined,
        Proto.CustomerStatus.Ended => CustomerStatus.Ended,
        Proto.CustomerStatus.Suspended => CustomerStatus.Suspended,
        Proto.CustomerStatus.Expired => CustomerStatus.Expired,
        _ => throw DomainException.Invalid("status", "is not a known customer status."),
    };
}
