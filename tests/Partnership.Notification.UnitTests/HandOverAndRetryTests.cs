using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing;
using Partnership.Notification.Delivering.Sending;
using Partnership.Notification.Domain;
using Partnership.Notification.Smtp;
using Partnership.Testing;

namespace Partnership.Notification.UnitTests;

/// <summary>
/// The handler and the resumer's step (<see cref="SendConfirmationEmailHandler.Resume"/>) against a scripted SMTP server:
/// what certainly did not go is retried until it goes once; what was handed over and lost is never resent.
/// </summary>
public sealed class HandOverAndRetryTests : IAsyncLifetime
{
    private const string CloudName = "Yandex Cloud";
    private const string Link = "https://partners.cloud.yandex.ru/invite/accept/dn2aaaaaaaaaaaaaaaaa";
    private static readonly TimeSpan SmtpTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan UnknownAfter = TimeSpan.FromSeconds(10);

    private readonly RecordingSmtpServer _server = new();
    private readonly InMemoryEventStore _store = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private SmtpEmailSender _sender = null!;

    public async Task InitializeAsync()
    {
        await _server.StartListening();
        _sender = new SmtpEmailSender(Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1", Port = _server.Port, Timeout = SmtpTimeout, ConnectAttempts = 2, ConnectBackoff = TimeSpan.FromMilliseconds(20),
            Connections = 2,
        }), NullLogger<SmtpEmailSender>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _sender.DisposeAsync();
        await _server.DisposeAsync();
    }

    private SendConfirmationEmailHandler Handler(IEventStore? store = null) => new(store ?? _store, _sender,
        Options.Create(new PortalOptions { CloudName = CloudName }),
        Options.Create(new NotificationOptions { SmtpTimeout = SmtpTimeout, UnknownAfter = UnknownAfter, RetryFor = TimeSpan.FromHours(1) }),
        _clock, NullLogger<SendConfirmationEmailHandler>.Instance);

    private static string NewCustomer() => "cst" + Guid.NewGuid().ToString("N")[..17];
    private static string RecipientOf(string customerId) => customerId + "@yandex.ru";
    private Task<SendAttempt> Provisioned(string customerId) => Handler().Handle(customerId, RecipientOf(customerId), Link, CancellationToken.None);
    private IReadOnlyList<object> Events(string customerId) => _store.Events(ConfirmationEmailIds.Stream(customerId));
    private ConfirmationEmail State(string customerId) => Events(customerId).Fold(ConfirmationEmail.Initial, ConfirmationEmail.Evolve);

    private void UntilNextAttempt(string customerId) => _clock.Now = State(customerId).NextAttemptAt!.Value;

    [Fact]
    public async Task A_refused_connection_is_retried_and_the_email_goes_exactly_once_when_the_server_is_back()
    {
        var customer = NewCustomer();
        await _server.Refuse();

        Assert.Equal(SendAttempt.Retrying, await Provisioned(customer));
        // Nothing was handed over: the stream shows no hand-over at all.
        Assert.Collection(Events(customer), e => Assert.IsType<ConfirmationEmailIntended>(e), e => Assert.IsType<ConfirmationEmailDeferred>(e));
        Assert.Contains("Could not reach", State(customer).Reason);
        // Not due yet: the resumer leaves it.
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));

        UntilNextAttempt(customer);
        Assert.Equal(SendAttempt.Retrying, await Handler().Resume(customer, CancellationToken.None));
        Assert.Equal(2, State(customer).Attempts);
        Assert.Equal(TimeSpan.FromSeconds(2), State(customer).NextAttemptAt - _clock.Now);

        await _server.ResumeListening();
        UntilNextAttempt(customer);
        Assert.Equal(SendAttempt.Sent, await Handler().Resume(customer, CancellationToken.None));
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));
        Assert.Equal(SendAttempt.AlreadyDecided, await Provisioned(customer));

        Assert.Single(_server.To(RecipientOf(customer)));
        Assert.IsType<ConfirmationEmailSent>(Events(customer)[^1]);
    }

    [Theory]
    [InlineData(SmtpStep.MailFrom)]
    [InlineData(SmtpStep.RcptTo)]
    [InlineData(SmtpStep.Data)]
    public async Task A_4xx_reply_is_retried_and_the_retry_sends_one_email(SmtpStep step)
    {
        var customer = NewCustomer();
        _server.Reply(step, 451, "Try again later");

        Assert.Equal(SendAttempt.Retrying, await Provisioned(customer));
        Assert.Collection(Events(customer), e => Assert.IsType<ConfirmationEmailIntended>(e),
            e => Assert.IsType<ConfirmationEmailHandingOver>(e), e => Assert.IsType<ConfirmationEmailDeferred>(e));
        Assert.Contains("451", State(customer).Reason);
        Assert.Empty(_server.To(RecipientOf(customer)));

        UntilNextAttempt(customer);
        Assert.Equal(SendAttempt.Sent, await Handler().Resume(customer, CancellationToken.None));
        Assert.Single(_server.To(RecipientOf(customer)));
        Assert.Equal(2, Events(customer).OfType<ConfirmationEmailHandingOver>().Count());
    }

    [Theory]
    [InlineData(SmtpStep.MailFrom)]
    [InlineData(SmtpStep.RcptTo)]
    [InlineData(SmtpStep.Data)]
    public async Task A_5xx_reply_fails_at_once_with_the_servers_reply_and_is_never_retried(SmtpStep step)
    {
        var customer = NewCustomer();
        _server.Reply(step, 550, "Mailbox does not exist");

        Assert.Equal(SendAttempt.Failed, await Provisioned(customer));
        var failed = Assert.IsType<ConfirmationEmailFailed>(Events(customer)[^1]);
        Assert.Contains("550", failed.Reason);
        Assert.Contains("Mailbox does not exist", failed.Reason);

        _clock.Now += TimeSpan.FromHours(2);
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));
        Assert.Equal(SendAttempt.AlreadyDecided, await Provisioned(customer));
        Assert.Empty(_server.To(RecipientOf(customer)));
    }

    [Theory]
    [InlineData(SmtpStep.MailFrom)]
    [InlineData(SmtpStep.RcptTo)]
    public async Task A_server_frozen_before_DATA_is_not_unknown_but_retried(SmtpStep step)
    {
        var customer = NewCustomer();
        _server.Freeze(step);

        Assert.Equal(SendAttempt.Retrying, await Provisioned(customer));
        Assert.Equal([step], _server.Freezes);
        Assert.Contains("before any recipient was accepted", State(customer).Reason);
        _server.Thaw();

        UntilNextAttempt(customer);
        Assert.Equal(SendAttempt.Sent, await Handler().Resume(customer, CancellationToken.None));
        Assert.Single(_server.To(RecipientOf(customer)));
    }

    [Fact]
    public async Task A_server_that_never_answers_the_handed_over_mail_leaves_it_unknown_and_it_is_never_resent()
    {
        var customer = NewCustomer();
        _server.Stall(RecipientOf(customer));

        Assert.Equal(SendAttempt.Unknown, await Provisioned(customer));
        Assert.IsType<ConfirmationEmailDeliveryUnknown>(Events(customer)[^1]);

        _clock.Now += TimeSpan.FromDays(2);
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));
        Assert.Equal(SendAttempt.AlreadyDecided, await Provisioned(customer));
    }

    [Fact]
    public async Task Retries_that_run_out_end_the_email_failed_with_the_last_reason()
    {
        var customer = NewCustomer();
        await _server.Refuse();
        Assert.Equal(SendAttempt.Retrying, await Provisioned(customer));

        _clock.Now += TimeSpan.FromHours(1);
        Assert.Equal(SendAttempt.Failed, await Handler().Resume(customer, CancellationToken.None));
        var failed = Assert.IsType<ConfirmationEmailFailed>(Events(customer)[^1]);
        Assert.StartsWith("Not delivered after 2 attempts over 01:00:00", failed.Reason);
        Assert.Contains("Could not reach", failed.Reason);
    }

    [Fact]
    public async Task A_sender_that_stopped_after_the_intent_leaves_an_email_the_resumer_sends_exactly_once()
    {
        var customer = NewCustomer();
        var crashing = new StopBeforeHandOver(_store);
        await Assert.ThrowsAsync<ProcessStopped>(() => Handler(crashing).Handle(customer, RecipientOf(customer), Link, CancellationToken.None));
        Assert.Collection(Events(customer), e => Assert.IsType<ConfirmationEmailIntended>(e));
        Assert.Empty(_server.Received);

        // After the restart, several resumer rounds on two instances, and a redelivery of the message, all at once.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => i == 0
            ? Provisioned(customer)
            : Handler().Resume(customer, CancellationToken.None))));

        Assert.Single(attempts, a => a == SendAttempt.Sent);
        Assert.All(attempts.Where(a => a != SendAttempt.Sent), a => Assert.Equal(SendAttempt.AlreadyDecided, a));
        Assert.Single(_server.To(RecipientOf(customer)));
        Assert.Single(Events(customer).OfType<ConfirmationEmailHandingOver>());
    }

    [Fact]
    public async Task An_intent_whose_commit_came_back_after_the_sender_gave_up_is_sent_by_the_redelivery()
    {
        // The intent is stored, but its sender saw the append fail (a frozen database answering late) and gave up.
        var customer = NewCustomer();
        _store.Seed(ConfirmationEmailIds.Stream(customer),
            new ConfirmationEmailIntended(customer, RecipientOf(customer), ConfirmationEmailContent.Subject(CloudName), Link, _clock.Now));

        Assert.Equal(SendAttempt.Sent, await Provisioned(customer));
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));
        Assert.Single(_server.To(RecipientOf(customer)));
    }

    [Fact]
    public async Task Two_resumers_racing_on_a_due_retry_send_one_email()
    {
        var customer = NewCustomer();
        _server.Reply(SmtpStep.RcptTo, 421, "Busy");
        Assert.Equal(SendAttempt.Retrying, await Provisioned(customer));
        UntilNextAttempt(customer);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Handler().Resume(customer, CancellationToken.None))));

        Assert.Single(attempts, a => a == SendAttempt.Sent);
        Assert.Single(_server.To(RecipientOf(customer)));
        Assert.Equal(2, Events(customer).OfType<ConfirmationEmailHandingOver>().Count());
    }

    [Fact]
    public async Task A_hand_over_without_an_outcome_becomes_unknown_after_UnknownAfter_and_is_never_resent()
    {
        // The sender died after the hand-over: the mail may have gone.
        var customer = NewCustomer();
        var stream = ConfirmationEmailIds.Stream(customer);
        _store.Seed(stream,
            new ConfirmationEmailIntended(customer, RecipientOf(customer), ConfirmationEmailContent.Subject(CloudName), Link, _clock.Now),
            new ConfirmationEmailHandingOver(customer, 1, "dead/1", _clock.Now));
        var sweep = () => new CommandHandler(_store).Handle<ConfirmationEmail, ConfirmationEmailCommand>(stream,
            new RecordUnknown(_clock.Now, UnknownAfter), CancellationToken.None);

        _clock.Now += UnknownAfter;
        Assert.Empty((await sweep()).NewEvents);
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));
        Assert.Equal(SendAttempt.AlreadyDecided, await Provisioned(customer));

        _clock.Now += TimeSpan.FromSeconds(1);
        Assert.IsType<ConfirmationEmailDeliveryUnknown>(Assert.Single((await sweep()).NewEvents));
        _clock.Now += TimeSpan.FromDays(2);
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));
        Assert.Equal(SendAttempt.AlreadyDecided, await Provisioned(customer));
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task Several_emails_share_one_connection_and_a_connection_the_server_dropped_is_replaced()
    {
        var customers = Enumerable.Range(0, 5).Select(_ => NewCustomer()).ToList();
        foreach (var customer in customers) Assert.Equal(SendAttempt.Sent, await Provisioned(customer));
        Assert.Equal(1, _server.MailConnections);

        // The server goes away and comes back: the kept connection is dead, the next email still goes at once.
        await _server.Refuse();
        await _server.ResumeListening();
        var after = NewCustomer();
        Assert.Equal(SendAttempt.Sent, await Provisioned(after));
        Assert.Equal(2, _server.MailConnections);
        Assert.All(customers.Append(after), c => Assert.Single(_server.To(RecipientOf(c))));
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class ProcessStopped : Exception;

    /// <summary>A store whose process "dies" right when the hand-over would be written: the intent is all it leaves.</summary>
    private sealed class StopBeforeHandOver(IEventStore inner) : IEventStore
    {
        public Task<long> AppendToStream(string streamId, ExpectedVersion expected, IReadOnlyList<object> events, CancellationToken ct) =>
            events.Any(e => e is ConfirmationEmailHandingOver) ? throw new ProcessStopped() : inner.AppendToStream(streamId, expected, events, ct);

        public Task<StreamEvents> ReadStream(string streamId, CancellationToken ct) => inner.ReadStream(streamId, ct);

        public Task<IReadOnlyList<RecordedEvent>> ReadAllForward(long afterPosition, int maxCount, CancellationToken ct) =>
            inner.ReadAllForward(afterPosition, maxCount, ct);
    }
}
