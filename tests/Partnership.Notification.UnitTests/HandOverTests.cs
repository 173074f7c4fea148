using Partnership.EventSourcing;
using Partnership.Notification.Delivering.Sending;
using Partnership.Notification.Domain;
using Partnership.Testing;

namespace Partnership.Notification.UnitTests;

/// <summary>Only a handed-over mail may end UNKNOWN; an intent never handed over is sent after a restart, exactly once.</summary>
public sealed class HandOverTests : ScriptedSmtpFixture
{
    [Fact]
    public async Task A_server_that_never_answers_the_handed_over_mail_leaves_it_unknown_and_it_is_never_resent()
    {
        var customer = NewCustomer();
        Server.Stall(RecipientOf(customer));

        Assert.Equal(SendAttempt.Unknown, await Provisioned(customer));
        Assert.IsType<ConfirmationEmailDeliveryUnknown>(Events(customer)[^1]);

        Clock.Now += TimeSpan.FromDays(2);
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));
        Assert.Equal(SendAttempt.AlreadyDecided, await Provisioned(customer));
    }

    [Fact]
    public async Task The_intent_goes_with_the_first_hand_over_in_one_append()
    {
        var customer = NewCustomer();

        Assert.Equal(SendAttempt.Sent, await Provisioned(customer));

        var appends = Store.Appends.Where(a => a.StreamId == ConfirmationEmailIds.Stream(customer)).ToList();
        Assert.Collection(appends,
            a =>
            {
                Assert.Equal(ExpectedVersion.NoStream, a.Expected);
                Assert.Collection(a.Events, e => Assert.IsType<ConfirmationEmailIntended>(e), e => Assert.IsType<ConfirmationEmailHandingOver>(e));
            },
            a => Assert.IsType<ConfirmationEmailSent>(Assert.Single(a.Events)));
        Assert.Single(Server.To(RecipientOf(customer)));
    }

    [Fact]
    public async Task A_sender_that_stopped_at_the_first_hand_over_left_nothing_and_the_redelivery_sends_exactly_once()
    {
        var customer = NewCustomer();
        var crashing = new StopWhenAppending<ConfirmationEmailHandingOver>(Store);
        await Assert.ThrowsAsync<ProcessStopped>(() => Handler(crashing).Handle(customer, RecipientOf(customer), Link, CancellationToken.None));
        // Not even the intent: the message was never acknowledged, and its redelivery decides the email afresh.
        Assert.Empty(Events(customer));
        Assert.Empty(Server.Received);

        Assert.Equal(SendAttempt.Sent, await Provisioned(customer));
        Assert.Equal(SendAttempt.AlreadyDecided, await Provisioned(customer));
        Assert.Single(Server.To(RecipientOf(customer)));
    }

    [Fact]
    public async Task A_sender_that_stopped_after_the_intent_leaves_an_email_the_resumer_sends_exactly_once()
    {
        // Stored so by a build that appended the intent alone before connecting, whose sender then stopped.
        var customer = NewCustomer();
        Store.Seed(ConfirmationEmailIds.Stream(customer),
            new ConfirmationEmailIntended(customer, RecipientOf(customer), ConfirmationEmailContent.Subject(CloudName), Link, Clock.Now));

        // After the restart, several resumer rounds on two instances, and a redelivery of the message, all at once.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => i == 0
            ? Provisioned(customer)
            : Handler().Resume(customer, CancellationToken.None))));

        Assert.Single(attempts, a => a == SendAttempt.Sent);
        Assert.All(attempts.Where(a => a != SendAttempt.Sent), a => Assert.Equal(SendAttempt.AlreadyDecided, a));
        Assert.Single(Server.To(RecipientOf(customer)));
        Assert.Single(Events(customer).OfType<ConfirmationEmailHandingOver>());
    }

    [Fact]
    public async Task An_intent_whose_commit_came_back_after_the_sender_gave_up_is_sent_by_the_redelivery()
    {
        // The intent is stored, but its sender saw the append fail (a frozen database answering late) and gave up.
        var customer = NewCustomer();
        Store.Seed(ConfirmationEmailIds.Stream(customer),
            new ConfirmationEmailIntended(customer, RecipientOf(customer), ConfirmationEmailContent.Subject(CloudName), Link, Clock.Now));

        Assert.Equal(SendAttempt.Sent, await Provisioned(customer));
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));
        Assert.Single(Server.To(RecipientOf(customer)));
    }

    [Fact]
    public async Task A_hand_over_without_an_outcome_becomes_unknown_after_UnknownAfter_and_is_never_resent()
    {
        // The sender died after the hand-over: the mail may have gone.
        var customer = NewCustomer();
        var stream = ConfirmationEmailIds.Stream(customer);
        Store.Seed(stream,
            new ConfirmationEmailIntended(customer, RecipientOf(customer), ConfirmationEmailContent.Subject(CloudName), Link, Clock.Now),
            new ConfirmationEmailHandingOver(customer, 1, "dead/1", Clock.Now));
        var sweep = () => new CommandHandler(Store).Handle<ConfirmationEmail, ConfirmationEmailCommand>(stream,
            new RecordUnknown(Clock.Now, UnknownAfter), CancellationToken.None);

        Clock.Now += UnknownAfter;
        Assert.Empty((await sweep()).NewEvents);
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));
        Assert.Equal(SendAttempt.AlreadyDecided, await Provisioned(customer));

        Clock.Now += TimeSpan.FromSeconds(1);
        Assert.IsType<ConfirmationEmailDeliveryUnknown>(Assert.Single((await sweep()).NewEvents));
        Clock.Now += TimeSpan.FromDays(2);
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));
        Assert.Equal(SendAttempt.AlreadyDecided, await Provisioned(customer));
        Assert.Empty(Server.Received);
    }

    [Fact]
    public async Task A_sender_killed_between_the_servers_250_and_its_commit_leaves_the_email_sent_not_unknown()
    {
        var customer = NewCustomer();
        var stream = ConfirmationEmailIds.Stream(customer);
        var crashing = new StopWhenAppending<ConfirmationEmailSent>(Store);
        await Assert.ThrowsAsync<ProcessStopped>(() => Handler(crashing).Handle(customer, RecipientOf(customer), Link, CancellationToken.None));
        Assert.Single(Server.To(RecipientOf(customer)));
        Assert.Equal(DeliveryState.Sending, State(customer).State);

        // The sweeper's decision once the hand-over is stale: the journal shows the server's acceptance of attempt 1.
        Clock.Now += UnknownAfter + TimeSpan.FromSeconds(1);
        var accepted = Journal.Read()[ConfirmationEmailIds.KeyOf(stream)];
        Assert.Equal(1, accepted.Attempt);
        var sent = await new CommandHandler(Store).Handle<ConfirmationEmail, ConfirmationEmailCommand>(stream,
            new RecordAcceptedBeforeStop(accepted.Attempt, accepted.At), CancellationToken.None);
        Assert.IsType<ConfirmationEmailSent>(Assert.Single(sent.NewEvents));
        Assert.Empty((await new CommandHandler(Store).Handle<ConfirmationEmail, ConfirmationEmailCommand>(stream,
            new RecordUnknown(Clock.Now, UnknownAfter), CancellationToken.None)).NewEvents);
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));
        Assert.Single(Server.To(RecipientOf(customer)));
    }

    [Fact]
    public async Task A_mail_the_server_never_accepted_leaves_nothing_in_the_journal()
    {
        var customer = NewCustomer();
        Server.Stall(RecipientOf(customer));
        Assert.Equal(SendAttempt.Unknown, await Provisioned(customer));
        Assert.False(Journal.Read().ContainsKey(customer));

        var refused = NewCustomer();
        Server.Reply(SmtpStep.Data, 451, "try later", recipient: RecipientOf(refused));
        Assert.Equal(SendAttempt.Retrying, await Provisioned(refused));
        Assert.False(Journal.Read().ContainsKey(refused));

        var accepted = NewCustomer();
        Assert.Equal(SendAttempt.Sent, await Provisioned(accepted));
        Assert.Equal(1, Journal.Read()[accepted].Attempt);
    }

    [Fact]
    public async Task Several_emails_share_one_connection_and_a_connection_the_server_dropped_is_replaced()
    {
        var customers = Enumerable.Range(0, 5).Select(_ => NewCustomer()).ToList();
        foreach (var customer in customers) Assert.Equal(SendAttempt.Sent, await Provisioned(customer));
        Assert.Equal(1, Server.MailConnections);

        // The server goes away and comes back: the kept connection is dead, the next email still goes at once.
        await Server.Refuse();
        await Server.ResumeListening();
        var after = NewCustomer();
        Assert.Equal(SendAttempt.Sent, await Provisioned(after));
        Assert.Equal(2, Server.MailConnections);
        Assert.All(customers.Append(after), c => Assert.Single(Server.To(RecipientOf(c))));
    }

    [Fact]
    public async Task The_first_message_for_an_email_sends_it_without_reading_its_stream_and_a_redelivery_reads_it()
    {
        var customer = NewCustomer();
        var reads = new CountingReads(Store);

        Assert.Equal(SendAttempt.Sent, await Handler(reads).Handle(customer, RecipientOf(customer), Link, CancellationToken.None));
        Assert.Equal(0, reads.Count);

        Assert.Equal(SendAttempt.AlreadyDecided, await Handler(reads).Handle(customer, RecipientOf(customer), Link, CancellationToken.None));
        Assert.Equal(1, reads.Count);
        Assert.Single(Server.To(RecipientOf(customer)));
    }

    private sealed class ProcessStopped : Exception;

    private sealed class CountingReads(IEventStore inner) : DelegatingEventStore(inner)
    {
        public int Count;

        public override Task<StreamEvents> ReadStream(string streamId, CancellationToken ct)
        {
            Interlocked.Increment(ref Count);
            return base.ReadStream(streamId, ct);
        }
    }

    /// <summary>A store whose process "dies" right when a <typeparamref name="TEvent"/> would be written.</summary>
    private sealed class StopWhenAppending<TEvent>(IEventStore inner) : DelegatingEventStore(inner)
    {
        public override Task<long> AppendToStream(string streamId, ExpectedVersion expected, IReadOnlyList<object> events, CancellationToken ct) =>
            events.Any(e => e is TEvent) ? throw new ProcessStopped() : base.AppendToStream(streamId, expected, events, ct);
    }
}
