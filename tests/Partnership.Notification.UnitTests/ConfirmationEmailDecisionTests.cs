using Partnership.Notification.Domain;
using Spec = Partnership.Testing.DeciderSpec<Partnership.Notification.Domain.ConfirmationEmail, Partnership.Notification.Domain.ConfirmationEmailCommand>;

namespace Partnership.Notification.UnitTests;

public class ConfirmationEmailDecisionTests
{
    private static readonly DateTimeOffset IntendedAt = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset HandedAt = IntendedAt.AddSeconds(1);
    private static readonly DateTimeOffset Later = IntendedAt.AddSeconds(3);
    private static readonly TimeSpan UnknownAfter = TimeSpan.FromMinutes(2);
    private static readonly RetryPolicy Retry = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), TimeSpan.FromHours(24));
    private const string CustomerId = "cstaaaaaaaaaaaaaaaaa";
    private const string Recipient = "acme@yandex.ru";
    private const string Link = "https://partners.cloud.yandex.ru/invite/accept/dn2aaaaaaaaaaaaaaaaa";
    private const string Instance = "host/42";
    private static readonly string Subject = ConfirmationEmailContent.Subject("Yandex Cloud");

    private static readonly IntendConfirmationEmail Intend = new(CustomerId, Recipient, Subject, Link, IntendedAt);
    private static readonly ConfirmationEmailIntended Intended = new(CustomerId, Recipient, Subject, Link, IntendedAt);
    private static readonly ConfirmationEmailHandingOver HandingOver = new(CustomerId, 1, Instance, HandedAt);
    private static readonly ConfirmationEmailSent Sent = new(CustomerId, Recipient, Subject, Later);
    private static readonly ConfirmationEmailFailed Failed = new(CustomerId, Recipient, "550 no such user", Later);
    private static readonly ConfirmationEmailDeliveryUnknown Unknown = new(CustomerId, Recipient, IntendedAt, "no answer", Later);
    private static readonly ConfirmationEmailDeferred Deferred = new(CustomerId, Recipient, 1, "refused", Later + TimeSpan.FromSeconds(1), Later);

    [Fact]
    public void The_first_intent_on_an_empty_stream_is_recorded()
    {
        Spec.Given().When(Intend).Then(Intended);
        var state = Spec.Given().StateAfter(Intended);
        Assert.Equal(DeliveryState.Intended, state.State);
        Assert.Equal(IntendedAt, state.IntendedAt);
    }

    [Fact]
    public void A_second_intent_decides_nothing() =>
        Spec.Given(Intended).When(Intend with { Now = Later }).ThenNothing();

    [Fact]
    public void An_intent_not_yet_tried_is_handed_over_as_the_first_attempt()
    {
        Spec.Given(Intended).When(new HandOver(Instance, HandedAt)).Then(HandingOver);
        var state = Spec.Given(Intended).StateAfter(HandingOver);
        Assert.Equal(DeliveryState.Sending, state.State);
        Assert.Equal(HandedAt, state.HandedOverAt);
    }

    [Fact]
    public void A_mail_in_flight_is_not_handed_over_again() =>
        Spec.Given(Intended, HandingOver).When(new HandOver("other/1", Later.AddHours(1))).ThenNothing();

    [Fact]
    public void A_retry_is_handed_over_only_once_it_is_due()
    {
        Spec.Given(Intended, Deferred).When(new HandOver(Instance, Deferred.NextAttemptAt - TimeSpan.FromMilliseconds(1))).ThenNothing();
        Spec.Given(Intended, Deferred).When(new HandOver(Instance, Deferred.NextAttemptAt))
            .Then(new ConfirmationEmailHandingOver(CustomerId, 2, Instance, Deferred.NextAttemptAt));
    }

    [Fact]
    public void The_server_accepting_the_handed_over_mail_records_it_sent()
    {
        Spec.Given(Intended, HandingOver).When(new RecordSent(Later)).Then(Sent);
        Assert.Equal(DeliveryState.Sent, Spec.Given(Intended, HandingOver).StateAfter(Sent).State);
    }

    [Fact]
    public void Nothing_is_recorded_sent_that_was_not_handed_over()
    {
        Spec.Given(Intended).When(new RecordSent(Later)).ThenNothing();
        Spec.Given(Intended, Deferred).When(new RecordSent(Later)).ThenNothing();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_permanent_refusal_records_it_failed_at_once(bool handedOver)
    {
        var given = handedOver ? new object[] { Intended, HandingOver } : [Intended];
        Spec.Given(given).When(new RecordFailed("550 no such user", Later)).Then(Failed);
        Assert.Equal(DeliveryState.Failed, Spec.Given(given).StateAfter(Failed).State);
    }

    [Fact]
    public void A_permanent_refusal_while_retrying_records_it_failed() =>
        Spec.Given(Intended, Deferred).When(new RecordFailed("550 no such user", Later)).Then(Failed);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_attempt_that_certainly_did_not_deliver_is_retried_after_the_first_delay(bool handedOver)
    {
        var given = handedOver ? new object[] { Intended, HandingOver } : [Intended];
        Spec.Given(given).When(new RecordNotSent("refused", Later, Retry)).Then(Deferred);
        var state = Spec.Given(given).StateAfter(Deferred);
        Assert.Equal(DeliveryState.Retrying, state.State);
        Assert.Equal(1, state.Attempts);
        Assert.Equal(Later + TimeSpan.FromSeconds(1), state.NextAttemptAt);
        Assert.Equal("refused", state.Reason);
    }

    [Fact]
    public void Each_retry_waits_twice_as_long_as_the_one_before()
    {
        var second = new ConfirmationEmailHandingOver(CustomerId, 2, Instance, Deferred.NextAttemptAt);
        var now = Deferred.NextAttemptAt.AddMilliseconds(10);
        Spec.Given(Intended, Deferred, second).When(new RecordNotSent("451 try later", now, Retry))
            .Then(new ConfirmationEmailDeferred(CustomerId, Recipient, 2, "451 try later", now + TimeSpan.FromSeconds(2), now));
    }

    [Fact]
    public void The_retry_delay_doubles_from_the_first_up_to_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Retry.DelayAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(2), Retry.DelayAfter(2));
        Assert.Equal(TimeSpan.FromSeconds(256), Retry.DelayAfter(9));
        Assert.Equal(TimeSpan.FromMinutes(5), Retry.DelayAfter(10));
        Assert.Equal(TimeSpan.FromMinutes(5), Retry.DelayAfter(10_000));
    }

    [Fact]
    public void Once_RetryFor_has_passed_since_the_intent_an_attempt_that_did_not_deliver_fails_with_the_reason()
    {
        var now = IntendedAt + Retry.RetryFor;
        Spec.Given(Intended, Deferred, new ConfirmationEmailHandingOver(CustomerId, 2, Instance, now))
            .When(new RecordNotSent("connection refused", now, Retry))
            .Then(new ConfirmationEmailFailed(CustomerId, Recipient, ConfirmationEmail.GaveUpReason(2, Retry.RetryFor, "connection refused"), now));
        Spec.Given(Intended, Deferred).When(new RecordNotSent("connection refused", now - TimeSpan.FromSeconds(1), Retry))
            .Then(new ConfirmationEmailDeferred(CustomerId, Recipient, 2, "connection refused", now + TimeSpan.FromSeconds(1), now - TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_send_that_broke_after_the_hand_over_is_unknown_at_once() =>
        Spec.Given(Intended, HandingOver).When(new RecordSendInterrupted("no answer", Later)).Then(Unknown);

    [Fact]
    public void An_acceptance_found_in_the_journal_for_the_attempt_in_flight_records_the_email_sent() =>
        Spec.Given(Intended, HandingOver).When(new RecordAcceptedBeforeStop(1, Later)).Then(Sent);

    [Fact]
    public void An_acceptance_of_another_attempt_or_of_an_email_not_in_flight_decides_nothing()
    {
        var secondHandOver = new ConfirmationEmailHandingOver(CustomerId, 2, Instance, Later.AddSeconds(2));
        Spec.Given(Intended, Deferred, secondHandOver).When(new RecordAcceptedBeforeStop(1, Later)).ThenNothing();
        Spec.Given(Intended, HandingOver).When(new RecordAcceptedBeforeStop(2, Later)).ThenNothing();
        Spec.Given(Intended).When(new RecordAcceptedBeforeStop(1, Later)).ThenNothing();
        Spec.Given(Intended, HandingOver, Unknown).When(new RecordAcceptedBeforeStop(1, Later)).ThenNothing();
        Spec.Given().When(new RecordAcceptedBeforeStop(1, Later)).ThenNothing();
    }

    [Fact]
    public void Nothing_is_unknown_that_was_not_handed_over()
    {
        Spec.Given(Intended).When(new RecordSendInterrupted("no answer", Later)).ThenNothing();
        Spec.Given(Intended, Deferred).When(new RecordSendInterrupted("no answer", Later)).ThenNothing();
        Spec.Given(Intended).When(new RecordUnknown(IntendedAt.AddHours(1), UnknownAfter)).ThenNothing();
        Spec.Given(Intended, Deferred).When(new RecordUnknown(IntendedAt.AddHours(1), UnknownAfter)).ThenNothing();
    }

    [Fact]
    public void No_outcome_without_an_intent()
    {
        Spec.Given().When(new HandOver(Instance, Later)).ThenNothing();
        Spec.Given().When(new RecordSent(Later)).ThenNothing();
        Spec.Given().When(new RecordFailed("x", Later)).ThenNothing();
        Spec.Given().When(new RecordNotSent("x", Later, Retry)).ThenNothing();
        Spec.Given().When(new RecordSendInterrupted("x", Later)).ThenNothing();
        Spec.Given().When(new RecordUnknown(IntendedAt.AddHours(1), UnknownAfter)).ThenNothing();
    }

    [Fact]
    public void The_sweeper_leaves_a_hand_over_alone_until_it_is_older_than_UnknownAfter()
    {
        Spec.Given(Intended, HandingOver).When(new RecordUnknown(HandedAt.AddSeconds(1), UnknownAfter)).ThenNothing();
        Spec.Given(Intended, HandingOver).When(new RecordUnknown(HandedAt + UnknownAfter, UnknownAfter)).ThenNothing();
    }

    [Fact]
    public void The_sweeper_counts_from_the_hand_over_not_from_the_intent()
    {
        // Retried for an hour, then handed over a moment ago: not stale.
        var handedLate = new ConfirmationEmailHandingOver(CustomerId, 2, Instance, IntendedAt.AddHours(1));
        Spec.Given(Intended, Deferred, handedLate).When(new RecordUnknown(IntendedAt.AddHours(1).AddSeconds(1), UnknownAfter)).ThenNothing();
    }

    [Fact]
    public void The_sweeper_marks_a_hand_over_older_than_UnknownAfter_unknown()
    {
        var now = HandedAt + UnknownAfter + TimeSpan.FromSeconds(1);
        Spec.Given(Intended, HandingOver).When(new RecordUnknown(now, UnknownAfter))
            .Then(new ConfirmationEmailDeliveryUnknown(CustomerId, Recipient, IntendedAt, ConfirmationEmail.SweptReason(UnknownAfter), now));
        var state = Spec.Given(Intended, HandingOver).StateAfter(Unknown);
        Assert.Equal(DeliveryState.Unknown, state.State);
        Assert.Equal(Later, state.OutcomeAt);
    }

    public static TheoryData<string, string> OutcomesAndCommands()
    {
        var data = new TheoryData<string, string>();
        foreach (var outcome in new[] { "sent", "failed", "unknown" })
        foreach (var command in new[] { "intend", "hand-over", "sent", "failed", "not-sent", "interrupted", "sweep" })
            data.Add(outcome, command);
        return data;
    }

    [Theory]
    [MemberData(nameof(OutcomesAndCommands))]
    public void Nothing_is_decided_after_an_outcome(string outcome, string command)
    {
        object recorded = outcome switch { "sent" => Sent, "failed" => Failed, _ => Unknown };
        var hourLater = IntendedAt.AddHours(1);
        ConfirmationEmailCommand next = command switch
        {
            "intend" => Intend with { Now = hourLater },
            "hand-over" => new HandOver(Instance, hourLater),
            "sent" => new RecordSent(hourLater),
            "failed" => new RecordFailed("later", hourLater),
            "not-sent" => new RecordNotSent("later", hourLater, Retry),
            "interrupted" => new RecordSendInterrupted("later", hourLater),
            _ => new RecordUnknown(hourLater, UnknownAfter),
        };
        Spec.Given(Intended, HandingOver, recorded).When(next).ThenNothing();
    }

    [Fact]
    public void The_stream_is_named_after_the_customer()
    {
        Assert.Equal("confirmation-email-" + CustomerId, ConfirmationEmailIds.Stream(CustomerId));
        Assert.Equal(CustomerId, ConfirmationEmailIds.KeyOf(ConfirmationEmailIds.Stream(CustomerId)));
    }

    [Fact]
    public void Stored_event_names_are_versioned()
    {
        var names = ConfirmationEmailEventTypes.Registry().Names;
        Assert.Equal("notification.confirmation-email-intended.v1", names[typeof(ConfirmationEmailIntended)]);
        Assert.Equal("notification.confirmation-email-handing-over.v1", names[typeof(ConfirmationEmailHandingOver)]);
        Assert.Equal("notification.confirmation-email-deferred.v1", names[typeof(ConfirmationEmailDeferred)]);
        Assert.Equal("notification.confirmation-email-sent.v1", names[typeof(ConfirmationEmailSent)]);
        Assert.Equal("notification.confirmation-email-delivery-unknown.v1", names[typeof(ConfirmationEmailDeliveryUnknown)]);
        Assert.Equal("notification.confirmation-email-failed.v1", names[typeof(ConfirmationEmailFailed)]);
    }
}
