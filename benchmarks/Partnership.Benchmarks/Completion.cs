using System.Collections.Concurrent;
using System.Diagnostics;
using Partnership.Testing;

namespace Partnership.Benchmarks;

/// <summary>
/// Signals, per customer, when its onboarding is done: the tap saw it provisioned, its organization, four role
/// bindings and its email sent, and the SMTP server has its mail. Fed by the tap's and the SMTP server's callbacks
/// (no polling), so the detection keeps up with far more than 1,000 onboardings a second.
/// </summary>
public sealed class Completion
{
    public const string Provisioned = "partnership.customer-provisioned.v1";
    public const string OrganizationCreated = "partnership.organization-created.v1";
    public const string Granted = "partnership.access-binding-granted.v1";
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
            OrganizationCreated => 1,
            Granted => 2,
            EmailSent => 3,
            _ => -1,
        };
        if (piece >= 0) For(customerId).Add(piece, e.MessageId ?? Guid.NewGuid().ToString());
    }

    private sealed class Progress
    {
        private static readonly int[] Needed = [1, 1, 4, 1];
        // Distinct message IDs: a redelivered event must not stand in for a missing one.
        private readonly HashSet<string>[] _seen = [[], [], [], []];
        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(int piece, string messageId)
        {
            lock (_seen)
            {
                _seen[piece].Add(messageId);
                if (_seen.Select((ids, i) => ids.Count >= Needed[i]).All(x => x)) Done.TrySetResult(Stopwatch.GetTimestamp());
            }
        }
    }
}
