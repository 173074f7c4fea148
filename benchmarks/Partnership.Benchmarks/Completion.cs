using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Partnership.Contracts.IntegrationEvents;
using Partnership.Testing;

namespace Partnership.Benchmarks;

/// <summary>
/// Signals, per customer, when its onboarding is done: the tap saw it provisioned, its organization announced with the
/// four default role bindings, and its email sent, and the SMTP server has its mail. Fed by the tap's and the SMTP
/// server's callbacks (no polling), so the detection keeps up with far more than 1,000 onboardings a second.
/// The bindings are read from the organization's <c>defaultBindings</c>, which Identity/Roles announces only after the
/// four grants committed (and what the Customer service completes provisioning on), not from the four
/// <c>access-binding-granted</c> events: those would be four more deliveries per onboarding for RabbitMQ and four more
/// parses for the driver, on the two cores the system is measured on. The end-to-end tests check the grants' events.
/// </summary>
public sealed class Completion
{
    public const string Provisioned = "partnership.customer-provisioned.v1";
    public const string OrganizationCreated = "partnership.organization-created.v1";
    public const string EmailSent = "partnership.confirmation-email-sent.v1";

    private readonly ConcurrentDictionary<string, Progress> _customers = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _mail = new(StringComparer.OrdinalIgnoreCase);

    public Completion(SystemUnderTest system)
    {
        system.Tap.Received += OnEvent;
        system.Smtp.Accepted += m => Mail(m.To).TrySetResult(Stopwatch.GetTimestamp());
    }

    /// <summary>Stopwatch timestamps: when the mail arrived, and when the last piece (mail or event) arrived.</summary>
    public async Task<(long Mail, long Done)> Done(string customerId, string email)
    {
        var mail = await Mail(email).Task;
        var events = await For(customerId).Done.Task;
        return (mail, Math.Max(mail, events));
    }

    private TaskCompletionSource<long> Mail(string email) =>
        _mail.GetOrAdd(email, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    private Progress For(string customerId) => _customers.GetOrAdd(customerId, _ => new Progress());

    private void OnEvent(TappedEvent e)
    {
        if (!e.Message.TryGetProperty("customerId", out var id) || id.GetString() is not { Length: > 0 } customerId) return;
        var piece = e.Exchange switch
        {
            Provisioned => 0,
            OrganizationCreated when HasDefaultBindings(e.Message) => 1,
            EmailSent => 2,
            _ => -1,
        };
        if (piece >= 0) For(customerId).Add(piece, e.MessageId ?? Guid.NewGuid().ToString());
    }

    /// <summary>
    /// The four roles onboarding gives (the catalogue's wire values): billing.accounts.owner (partner) and admin
    /// (customer) on the subaccount, both owners of the organization. Subject: the event's field naming the account.
    /// </summary>
    private static readonly (string ResourceType, string Subject, string Role)[] DefaultRoles =
    [
        (ResourceTypes.BillingAccount, "partnerAccountId", "billing.accounts.owner"),
        (ResourceTypes.BillingAccount, "customerAccountId", "admin"),
        (ResourceTypes.Organization, "partnerAccountId", "organization-manager.organizations.owner"),
        (ResourceTypes.Organization, "customerAccountId", "organization-manager.organizations.owner"),
    ];

    /// <summary>Each default role in the announcement's defaultBindings, held by the account it names, the organization's on this organization.</summary>
    private static bool HasDefaultBindings(JsonElement organization)
    {
        if (!organization.TryGetProperty("defaultBindings", out var bindings) || bindings.ValueKind != JsonValueKind.Array
            || !organization.TryGetProperty("organizationId", out var organizationId)) return false;
        return DefaultRoles.All(role =>
            organization.TryGetProperty(role.Subject, out var subject) &&
            bindings.EnumerateArray().Any(b =>
                b.TryGetProperty("resourceType", out var type) && type.ValueEquals(role.ResourceType) &&
                (role.ResourceType != ResourceTypes.Organization
                 || b.TryGetProperty("resourceId", out var resource) && resource.ValueEquals(organizationId.GetString())) &&
                b.TryGetProperty("subjectAccountId", out var account) && account.ValueEquals(subject.GetString()) &&
                b.TryGetProperty("roleId", out var id) && id.ValueEquals(role.Role)));
    }

    private sealed class Progress
    {
        // Distinct message IDs: a redelivered event must not stand in for a missing one.
        private readonly HashSet<string>[] _seen = [[], [], []];
        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(int piece, string messageId)
        {
            lock (_seen)
            {
                _seen[piece].Add(messageId);
                if (_seen.All(ids => ids.Count > 0)) Done.TrySetResult(Stopwatch.GetTimestamp());
            }
        }
    }
}
