using Grpc.Core;
using Partnership.Contracts.Identity.V1;
using Partnership.IdentityRoles.Access.Reading;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.IdentityRoles.Api;

public sealed class AccessBindingsService(AccessQueries queries) : AccessBindings.AccessBindingsBase
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
        var access = await queries.ListBindings(caller, context.CallerIsOperator(), IdentityMapping.FromProto(request.ResourceType),
            request.ResourceId, context.CancellationToken);
        var response = new ListAccessBindingsResponse();
        response.AccessBindings.AddRange(access.Bindings.Select(b => IdentityMapping.ToProto(access, b)));
        return response;
    }
}
