using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Authentication;
using Partnership.ServiceDefaults.Grpc.Errors;

namespace Partnership.ServiceDefaults.Authorization;

/// <summary>Enforces the service's <see cref="CallerPolicy"/> before the handler runs.</summary>
public sealed class CallerPolicyInterceptor(CallerPolicy policy) : Interceptor
{
    public const string NoPartnerStatus = "The account has no partner status: only a partner may do this.";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await Authorize(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await Authorize(context);
        await continuation(request, responseStream, context);
    }

    private async Task Authorize(ServerCallContext context)
    {
        if (!policy.Governs(context.Method, out var rule)) return;
        if (rule is null) throw Refusal.Create(StatusCode.PermissionDenied, "This RPC is not open to anyone.", ErrorReasons.PermissionDenied);
        var caller = context.CallerAccountId();
        var isOperator = context.CallerIsOperator();
        var allowed = rule.Caller switch
        {
            Caller.Account => true,
            Caller.Operator => isOperator,
            Caller.OperatorOrSubscriber => isOperator || IsSubscriber(caller, context),
            Caller.PartnerOrOperator => isOperator || await IsPartner(caller, context),
            Caller.Partner => await IsPartner(caller, context),
            _ => false,
        };
        if (allowed) return;
        throw rule.Caller switch
        {
            Caller.Operator => Refusal.Create(StatusCode.PermissionDenied, "Only an operator may do this.", ErrorReasons.PermissionDenied),
            Caller.OperatorOrSubscriber => Refusal.Create(StatusCode.PermissionDenied,
                "Only an operator or a subscriber client this service names may do this.", ErrorReasons.PermissionDenied),
            _ => Refusal.Create(StatusCode.PermissionDenied, NoPartnerStatus, ErrorReasons.NoPartnerStatus),
        };
    }

    private static bool IsSubscriber(string accountId, ServerCallContext context) =>
        context.GetHttpContext().RequestServices.GetService<ISubscriberClients>()?.Contains(accountId) == true;

    private Task<bool> IsPartner(string accountId, ServerCallContext context) =>
        context.GetHttpContext().RequestServices.GetRequiredService<IPartnerDirectory>().IsPartner(accountId, context.CancellationToken);
}
