using Partnership.BillingAccount.Api;
using Partnership.Contracts.Billing.V1;
using Partnership.ServiceDefaults.Authorization;

namespace Partnership.BillingAccount.UnitTests;

public class CallerPolicyTests
{
    [Fact]
    public void Every_rpc_of_the_service_has_a_rule() =>
        Assert.Empty(BillingPolicy.Create().Unruled(BillingAccounts.Descriptor, Contracts.Billing.V1.Clouds.Descriptor,
            Contracts.Events.V1.IntegrationEvents.Descriptor));

    [Fact]
    public void Health_and_reflection_are_not_governed_but_an_unknown_rpc_of_the_service_is_refused()
    {
        var policy = BillingPolicy.Create();
        Assert.False(policy.Governs("/grpc.health.v1.Health/Check", out _));
        Assert.True(policy.Governs("/partnership.billing.v1.Clouds/NoSuchRpc", out var rule));
        Assert.Null(rule);
        Assert.True(policy.Governs("/partnership.billing.v1.Clouds/RecordCharge", out var charge));
        Assert.Equal(Caller.Operator, charge!.Caller);
    }
}
