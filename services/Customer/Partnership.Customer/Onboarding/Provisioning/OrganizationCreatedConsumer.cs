using MassTransit;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.CustomerService.Onboarding.Provisioning;

/// <summary>
/// The organization, and the default role bindings Identity/Roles granted before announcing it (on the subaccount and the
/// organization): the last provisioning steps, from one message.
/// </summary>
public sealed class OrganizationCreatedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<OrganizationCreatedIntegrationEvent>
{
    public static string StreamOf(OrganizationCreatedIntegrationEvent message) => CustomerIds.Stream(message.CustomerId);

    public Task Consume(ConsumeContext<OrganizationCreatedIntegrationEvent> context)
    {
        var m = context.Message;
        var bindings = m.DefaultBindings?.Select(b => new DefaultBinding(b.ResourceType, b.ResourceId, b.SubjectAccountId, b.RoleId)).ToList();
        return commands.Handle<CustomerRecord, CustomerCommand>(StreamOf(m), new AssignOrganization(m.OrganizationId, clock.GetUtcNow(), bindings),
            context.CancellationToken);
    }
}
