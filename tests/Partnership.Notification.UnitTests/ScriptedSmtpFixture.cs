using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing;
using Partnership.Notification.Delivering.Sending;
using Partnership.Notification.Domain;
using Partnership.Notification.Smtp;
using Partnership.Testing;

namespace Partnership.Notification.UnitTests;

/// <summary>
/// The handler and the resumer's step (<see cref="SendConfirmationEmailHandler.Resume"/>) against a scripted SMTP server
/// (<see cref="RecordingSmtpServer"/>), an in-memory store and a clock the test moves.
/// </summary>
public abstract class ScriptedSmtpFixture : IAsyncLifetime
{
    protected const string CloudName = "Yandex Cloud";
    protected const string Link = "https://partners.cloud.yandex.ru/invite/accept/dn2aaaaaaaaaaaaaaaaa";
    private static readonly TimeSpan SmtpTimeout = TimeSpan.FromSeconds(2);
    protected static readonly TimeSpan UnknownAfter = TimeSpan.FromSeconds(10);

    protected RecordingSmtpServer Server { get; } = new();
    protected InMemoryEventStore Store { get; } = new();
    protected ManualClock Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private SmtpEmailSender _sender = null!;
    private readonly string _journalDirectory = Path.Combine(Path.GetTempPath(), "accepted-mail-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The accepted-mail journal the handlers write (a directory of this test's own).</summary>
    protected AcceptedMailJournal Journal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Server.StartListening();
        Journal = new AcceptedMailJournal(_journalDirectory, "test/1", Clock);
        _sender = new SmtpEmailSender(Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1", Port = Server.Port, Timeout = SmtpTimeout, ConnectAttempts = 2, ConnectBackoff = TimeSpan.FromMilliseconds(20),
            Connections = 2,
        }), NullLogger<SmtpEmailSender>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _sender.DisposeAsync();
        await Server.DisposeAsync();
        Journal.Dispose();
        Directory.Delete(_journalDirectory, recursive: true);
    }

    protected SendConfirmationEmailHandler Handler(IEventStore? store = null) => new(store ?? Store, _sender,
        Options.Create(new PortalOptions { CloudName = CloudName }),
        Options.Create(new NotificationOptions { SmtpTimeout = SmtpTimeout, UnknownAfter = UnknownAfter, RetryFor = TimeSpan.FromHours(1) }),
        Journal, Clock, NullLogger<SendConfirmationEmailHandler>.Instance);

    protected static string NewCustomer() => "cst" + Guid.NewGuid().ToString("N")[..17];
    protected static string RecipientOf(string customerId) => customerId + "@yandex.ru";
    protected Task<SendAttempt> Provisioned(string customerId) => Handler().Handle(customerId, RecipientOf(customerId), Link, CancellationToken.None);
    protected IReadOnlyList<object> Events(string customerId) => Store.Events(ConfirmationEmailIds.Stream(customerId));
    protected ConfirmationEmail State(string customerId) => Events(customerId).Fold(ConfirmationEmail.Initial, ConfirmationEmail.Evolve);

    protected void UntilNextAttempt(string customerId) => Clock.Now = State(customerId).NextAttemptAt!.Value;

    protected sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
