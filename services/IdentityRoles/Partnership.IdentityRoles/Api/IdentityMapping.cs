using Google.Protobuf.WellKnownTypes;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Partnership.Contracts.IntegrationEvents;
using Proto = Partnership.Contracts.Identity.V1;

namespace Partnership.IdentityRoles.Api;

internal static class IdentityMapping
{
    public static Proto.Account ToProto(AccountRecord a, long version) => new()
    {
        AccountId = a.AccountId, Email = a.Email, DisplayName = a.DisplayName, Partner = a.Partner,
        CreateTime = a.CreatedAt is { } c ? Timestamp.FromDateTimeOffset(c) : null, Version = version,
    };

    public static Proto.Organization ToProto(OrganizationRecord o) => new()
    {
        OrganizationId = o.OrganizationId, Name = o.Name, CustomerId = o.CustomerId,
        CreateTime = o.CreatedAt is { } c ? Timestamp.FromDateTimeOffset(c) : null,
    };

    public static Proto.AccessBinding ToProto(ResourceAccessBindings access, RoleBinding b) => new()
    {
        ResourceType = ToProto(access.ResourceType), ResourceId = access.ResourceId, SubjectAccountId = b.SubjectAccountId, RoleId = b.RoleId,
    };

    public static Proto.ResourceType ToProto(string resourceType) => resourceType switch
    {
        ResourceTypes.BillingAccount => Proto.ResourceType.BillingAccount,
        ResourceTypes.Organization => Proto.ResourceType.Organization,
        ResourceTypes.Cloud => Proto.ResourceType.Cloud,
        _ => Proto.ResourceType.Unspecified,
    };

    public static Proto.ListAccessBindingsResponse ToProto(ResourceAccessBindings access)
    {
        var response = new Proto.ListAccessBindingsResponse();
        response.AccessBindings.AddRange(access.Bindings.Select(b => ToProto(access, b)));
        return response;
    }

    /// <summary>One page of the bindings, in the order they were granted (the stream's order, so stable between pages).</summary>
    public static Proto.ListAccessBindingsResponse ToProto(ResourceAccessBindings access, Paging paging)
    {
        var (page, next) = paging.Page(access.Bindings);
        var response = new Proto.ListAccessBindingsResponse { NextPageToken = next };
        response.AccessBindings.AddRange(page.Select(b => ToProto(access, b)));
        return response;
    }

    // An unknown action arrives as Unspecified, which the decider refuses with the field's name.
    public static BindingDelta FromProto(Proto.AccessBindingDelta delta) => new(delta.Action switch
    {
        Proto.AccessBindingDelta.Types.Action.Add => BindingAction.Add,
        Proto.AccessBindingDelta.Types.Action.Remove => BindingAction.Remove,
        _ => BindingAction.Unspecified,
    }, delta.SubjectAccountId, delta.RoleId);

    public static string FromProto(Proto.ResourceType resourceType) => resourceType switch
    {
        Proto.ResourceType.BillingAccount => ResourceTypes.BillingAccount,
        Proto.ResourceType.Organization => ResourceTypes.Organization,
        Proto.ResourceType.Cloud => ResourceTypes.Cloud,
        Proto.ResourceType.Unspecified => throw DomainException.Invalid("resource_type", "is required."),
        _ => throw DomainException.Invalid("resource_type", "is not a known resource type."),
    };
}
