using Google.Protobuf.WellKnownTypes;
using Partnership.BillingAccount.Clouds.Reading;
using Partnership.BillingAccount.Domain;
using Proto = Partnership.Contracts.Billing.V1;

namespace Partnership.BillingAccount.Api;

internal static class CloudMapping
{
    public static Proto.Cloud ToProto(CloudRecord c, long version) => new()
    {
        CloudId = c.CloudId, Name = c.Name, OrganizationId = c.OrganizationId, BillingAccountId = c.BillingAccountId,
        CreatorAccountId = c.CreatorAccountId, CreateTime = c.CreatedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null, Version = version,
    };

    public static Proto.Cloud ToProto(CloudView v) => new()
    {
        CloudId = v.Id, Name = v.Name, OrganizationId = v.OrganizationId, BillingAccountId = v.BillingAccountId,
        CreatorAccountId = v.CreatorAccountId, CreateTime = Timestamp.FromDateTimeOffset(v.CreatedAt), Version = v.Version,
    };

    public static Proto.Linkability ToProto(LinkAssessment a) => new()
    {
        Linkable = a.Reason == LinkReason.Linkable, Reason = ToProto(a.Reason), KnownRoleIds = { a.KnownRoleIds },
    };

    private static Proto.Linkability.Types.Reason ToProto(LinkReason r) => r switch
    {
        LinkReason.Linkable => Proto.Linkability.Types.Reason.Linkable,
        LinkReason.NoRoleKnown => Proto.Linkability.Types.Reason.NoRoleKnown,
        LinkReason.RoleTooWeak => Proto.Linkability.Types.Reason.RoleTooWeak,
        LinkReason.NoRoleOnCurrentBillingAccount => Proto.Linkability.Types.Reason.NoRoleOnCurrentBillingAccount,
        LinkReason.AlreadyLinked => Proto.Linkability.Types.Reason.AlreadyLinked,
        LinkReason.OwnedByAnotherAccount => Proto.Linkability.Types.Reason.OwnedByAnotherCustomer,
        LinkReason.SubaccountTakesNoClouds => Proto.Linkability.Types.Reason.SubaccountTakesNoClouds,
        _ => Proto.Linkability.Types.Reason.Unspecified,
    };
}
