using Partnership.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Partnership.Notification.Delivering.Sending;
using Partnership.Notification.Domain;
using Partnership.Notification.Smtp;

namespace Partnership.Notification.UnitTests;

/// <summary>The real sending code (MailKit) against a real SMTP server in this process.</summary>
public class SmtpSendingTests
{
    private const string CustomerId = "cstaaaaaaaaaaaaaaaaa";
    private const string Recipient = "acme@yandex.ru";
    private const string Link = "https://partners.cloud.yandex.ru/invite/accept/dn2aaaaaaaaaaaaaaaaa";
    private const string CloudName = "Yandex Cloud";
    private const string Subject = "Confirm that you are ready to work with the integrator in Yandex Cloud";

    private static SmtpEmailSender Sender(int port, TimeSpan? timeout = null, TimeSpan? lifetime = null) => new(Options.Create(new SmtpOptions
    {
        Host = "127.0.0.1", Port = port, Timeout = timeout ?? TimeSpan.FromSeconds(10), ConnectAttempts = 3,
        ConnectBackoff = TimeSpan.FromMilliseconds(20), ConnectionLifetime = lifetime ?? TimeSpan.FromSeconds(60),
    }), NullLogger<SmtpEmailSender>.Instance);

    [Fact]
    public async Task A_kept_connection_older_than_its_lifetime_is_closed_and_the_next_mail_takes_a_fresh_one()
    {
        await using var server = await Server();
        await using var young = Sender(server.Port);
        await using var aging = Sender(server.Port, lifetime: TimeSpan.FromSeconds(1));

        for (var i = 0; i < 3; i++) Assert.Equal(SmtpSendStatus.Sent, (await young.Send(Message(), HandOver, Accepted, CancellationToken.None)).Status);
        Assert.Equal(1, server.MailConnections);
        Assert.Equal(SmtpSendStatus.Sent, (await aging.Send(Message(), HandOver, Accepted, CancellationToken.None)).Status);
        Assert.Equal(SmtpSendStatus.Sent, (await aging.Send(Message(), HandOver, Accepted, CancellationToken.None)).Status);
        Assert.Equal(2, server.MailConnections);
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        Assert.Equal(SmtpSendStatus.Sent, (await aging.Send(Message(), HandOver, Accepted, CancellationToken.None)).Status);
        Assert.Equal(3, server.MailConnections);
        Assert.Equal(6, server.Received.Count);
    }

    private static MimeMessage Message() =>
        ConfirmationEmailMessage.Compose("noreply@partners.cloud.yandex.ru", CloudName, CustomerId, Recipient, Subject, Link);

    private static SendConfirmationEmailHandler Handler(InMemoryEventStore store, int port) => new(store, Sender(port),
        Options.Create(new PortalOptions { CloudName = CloudName }), Options.Create(new NotificationOptions()),
        new AcceptedMailJournal(Path.Combine(Path.GetTempPath(), "accepted-mail-tests", Guid.NewGuid().ToString("N")), "test/1", TimeProvider.System),
        TimeProvider.System, NullLogger<SendConfirmationEmailHandler>.Instance);

    private static Task<bool> HandOver(CancellationToken ct) => Task.FromResult(true);

    private int _accepted;
    private void Accepted() => _accepted++;

    private static ReceivedMail Received(RecordingSmtpServer server) => Assert.Single(server.Received);

    private static async Task<RecordingSmtpServer> Server()
    {
        var server = new RecordingSmtpServer();
        await server.StartListening();
        return server;
    }

    private static async Task<RecordingSmtpServer> RefusingServer()
    {
        var server = await Server();
        server.Reply(SmtpStep.Data, 554, "Transaction failed", times: 10);
        return server;
    }

    [Fact]
    public async Task The_mail_arrives_at_the_recipient_with_the_subject_and_the_link()
    {
        await using var server = await Server();

        var result = await Sender(server.Port).Send(Message(), HandOver, Accepted, CancellationToken.None);

        Assert.Equal(SmtpSendStatus.Sent, result.Status);
        var mail = Received(server);
        Assert.Equal(Recipient, mail.To);
        Assert.Equal(Subject, mail.Subject);
        Assert.Equal("noreply@partners.cloud.yandex.ru", mail.From);
        Assert.Contains(Link, mail.Text);
        Assert.Contains(Link, mail.Html);
        Assert.Equal(1, _accepted);
    }

    [Fact]
    public async Task An_unreachable_server_is_certainly_not_sent()
    {
        var handedOver = false;
        var result = await Sender(RecordingSmtpServer.FreePort()).Send(Message(), _ => Task.FromResult(handedOver = true), Accepted, CancellationToken.None);

        Assert.Equal(SmtpSendStatus.NotSent, result.Status);
        Assert.Contains("127.0.0.1", result.Detail);
        // No connection, no hand-over: the stream never shows it in flight.
        Assert.False(handedOver);
        Assert.False(result.HandedOver);
    }

    [Fact]
    public async Task A_server_that_refuses_the_mail_for_good_rejects_it_with_its_reply()
    {
        await using var server = await RefusingServer();

        var result = await Sender(server.Port).Send(Message(), HandOver, Accepted, CancellationToken.None);

        Assert.Equal(SmtpSendStatus.Rejected, result.Status);
        Assert.Contains("554", result.Detail);
        Assert.Equal(0, _accepted);
    }

    [Fact]
    public async Task A_lost_hand_over_sends_nothing()
    {
        await using var server = await Server();

        var result = await Sender(server.Port).Send(Message(), _ => Task.FromResult(false), Accepted, CancellationToken.None);

        Assert.Equal(SmtpSendStatus.Skipped, result.Status);
        Assert.Empty(server.Received);
        Assert.Equal(0, _accepted);
    }

    [Fact]
    public async Task A_store_that_fails_the_hand_over_sends_nothing_and_its_error_comes_through()
    {
        await using var server = await Server();

        await Assert.ThrowsAsync<TimeoutException>(() =>
            Sender(server.Port).Send(Message(), _ => throw new TimeoutException("store away"), Accepted, CancellationToken.None));

        Assert.Empty(server.Received);
        Assert.Equal(0, _accepted);
    }

    [Fact]
    public async Task A_reinvitation_gets_its_own_single_email_in_its_own_stream()
    {
        await using var server = await Server();
        var store = new InMemoryEventStore();

        Assert.Equal(SendAttempt.Sent, await Handler(store, server.Port).Handle(CustomerId, Recipient, Link, CancellationToken.None));
        Assert.Equal(SendAttempt.Sent, await Handler(store, server.Port).Handle(CustomerId, 2, Recipient, Link, CancellationToken.None));
        // A redelivered CustomerReinvited (or the first invitation's CustomerProvisioned) sends nothing more.
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler(store, server.Port).Handle(CustomerId, 2, Recipient, Link, CancellationToken.None));
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler(store, server.Port).Handle(CustomerId, Recipient, Link, CancellationToken.None));

        Assert.Equal(2, server.Received.Count);
        var first = await store.ReadStream("confirmation-email-" + CustomerId, CancellationToken.None);
        var second = await store.ReadStream(ConfirmationEmailIds.Stream(CustomerId, 2), CancellationToken.None);
        Assert.Equal(2, Assert.IsType<ConfirmationEmailIntended>(second.Events[0].Data).Invitation);
        Assert.Equal(1, Assert.IsType<ConfirmationEmailIntended>(first.Events[0].Data).Invitation);
        Assert.NotEqual(first.StreamId, second.StreamId);
    }

    [Fact]
    public async Task The_handler_sends_once_and_records_it_sent()
    {
        await using var server = await Server();
        var store = new InMemoryEventStore();

        Assert.Equal(SendAttempt.Sent, await Handler(store, server.Port).Handle(CustomerId, Recipient, Link, CancellationToken.None));
        // A redelivery of the same CustomerProvisioned finds the intent and sends nothing.
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler(store, server.Port).Handle(CustomerId, Recipient, Link, CancellationToken.None));

        var mail = Received(server);
        Assert.Equal(Subject, mail.Subject);
        var events = store.Events(ConfirmationEmailIds.Stream(CustomerId));
        Assert.Collection(events,
            e => Assert.Equal(new ConfirmationEmailIntended(CustomerId, Recipient, Subject, Link, ((ConfirmationEmailIntended)e).At), e),
            e => Assert.IsType<ConfirmationEmailHandingOver>(e),
            e => Assert.IsType<ConfirmationEmailSent>(e));
    }

    [Fact]
    public async Task Two_instances_handling_the_same_message_at_once_send_one_mail()
    {
        await using var server = await Server();
        var store = new InMemoryEventStore();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => Handler(store, server.Port).Handle(CustomerId, Recipient, Link, CancellationToken.None))));

        Assert.Single(attempts, a => a == SendAttempt.Sent);
        Assert.All(attempts.Where(a => a != SendAttempt.Sent), a => Assert.Equal(SendAttempt.AlreadyDecided, a));
        Assert.Single(server.Received);
        Assert.Equal(3, store.Events(ConfirmationEmailIds.Stream(CustomerId)).Count);
    }

    [Fact]
    public async Task A_mail_the_server_refuses_for_good_records_the_delivery_failed()
    {
        await using var server = await RefusingServer();
        var store = new InMemoryEventStore();

        Assert.Equal(SendAttempt.Failed, await Handler(store, server.Port).Handle(CustomerId, Recipient, Link, CancellationToken.None));
        Assert.Contains("554", Assert.IsType<ConfirmationEmailFailed>(store.Events(ConfirmationEmailIds.Stream(CustomerId))[^1]).Reason);
    }

    [Fact]
    public async Task When_the_sweeper_marked_it_unknown_first_the_late_success_does_not_overwrite_it()
    {
        var store = new InMemoryEventStore();
        var stream = ConfirmationEmailIds.Stream(CustomerId);
        // The server takes the mail only after the "sweeper" has already written the outcome.
        await using var server = await Server();
        server.Accepted += _ => store.AppendToStream(stream, EventSourcing.ExpectedVersion.Exactly(2),
            [new ConfirmationEmailDeliveryUnknown(CustomerId, Recipient, DateTimeOffset.UtcNow, "swept", DateTimeOffset.UtcNow)], default)
            .GetAwaiter().GetResult();

        Assert.Equal(SendAttempt.Sent, await Handler(store, server.Port).Handle(CustomerId, Recipient, Link, CancellationToken.None));

        Assert.Single(server.Received);
        var events = store.Events(stream);
        Assert.Equal(3, events.Count);
        Assert.IsType<ConfirmationEmailDeliveryUnknown>(events[^1]);
    }
}
