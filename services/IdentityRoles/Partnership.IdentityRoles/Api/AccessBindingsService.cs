using Grpc.Core;
using Partnership.Contracts.Identity.V1;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Access.Reading;
using Partnership.IdentityRoles.Access.Updating;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.IdentityRoles.Api;

public sealed class AccessBindingsService(AccessQueries queries, UpdateAccessBindingsHandler update) : AccessBindings.AccessBindingsBase
{
    public override async Task<Organization> GetOrganization(GetOrganizationRequest request, ServerCallContext context)
    {
        var (organization, _) = await queries.GetOrganization(context.CallerAccountId(), context.CallerIsOperator(),
            request.OrganizationId, context.CancellationToken);
        return IdentityMapping.ToProto(organization);
    }

    public override async Task<ListAccessBindingsResponse> ListAccessBindings(ListAccessBindingsRequest request, ServerCallContext context)
    {
        var caller = context.CallerAccountId();
        var paging = Paging.Compatible(request.PageSize, request.PageToken, Paging.Everything);
        var access = await queries.ListBindings(caller, context.CallerIsOperator(), IdentityMapping.FromProto(request.ResourceType),
            request.ResourceId, context.CancellationToken);
        return IdentityMapping.ToProto(access, paging);
    }

    public override async Task<ListAccessBindingsResponse> UpdateAccessBindings(UpdateAccessBindingsRequest request, ServerCallContext context)
    {
        var caller = context.CallerAccountId();
        var access = await update.Handle(caller, IdentityMapping.FromProto(request.ResourceType), request.ResourceId,
            request.Deltas.Select(IdentityMapping.FromProto).ToList(), context.CancellationToken);
        return IdentityMapping.ToProto(access);
    }

    public override async Task<CheckAccessResponse> CheckAccess(CheckAccessRequest request, ServerCallContext context)
    {
        var result = await queries.Check(context.CallerAccountId(), context.CallerIsOperator(), IdentityMapping.FromProto(request.ResourceType),
            request.ResourceId, request.SubjectAccountId, request.RoleIds, context.CancellationToken);
        var response = new CheckAccessResponse { Allowed = result.Allowed };
        response.HeldRoleIds.AddRange(result.HeldRoleIds);
        return response;
    }
}
