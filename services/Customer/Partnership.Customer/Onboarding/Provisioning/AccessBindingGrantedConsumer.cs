using MassTransit;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.CustomerService.Onboarding.Provisioning;

/// <summary>
/// Retired: the default role bindings come with the organization's announcement now (<see cref="OrganizationCreatedConsumer"/>),
/// so no grant is delivered here; this finishes what an upgrade found queued. Idempotent (a binding already recorded changes
/// nothing); grants naming no record are not ours.
/// </summary>
[Retired("the default bindings come with OrganizationCreated")]
public sealed class AccessBindingGrantedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<AccessBindingGrantedIntegrationEvent>
{
    private const string NotOnboarding = "access-binding-not-onboarding";

    public static string StreamOf(AccessBindingGrantedIntegrationEvent message) =>
        message.CustomerId.Length > 0 ? CustomerIds.Stream(message.CustomerId) : NotOnboarding;

    public Task Consume(ConsumeContext<AccessBindingGrantedIntegrationEvent> context)
    {
        var m = context.Message;
        if (m.CustomerId.Length == 0) return Task.CompletedTask;
        return commands.Handle<CustomerRecord, CustomerCommand>(StreamOf(m),
            new RecordBindingGranted(m.ResourceType, m.ResourceId, m.SubjectAccountId, m.RoleId, clock.GetUtcNow()), context.CancellationToken);
    }
}
