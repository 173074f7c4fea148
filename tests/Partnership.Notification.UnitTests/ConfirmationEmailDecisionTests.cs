using Partnership.Notification.Domain;
using Spec = Partnership.Testing.DeciderSpec<Partnership.Notification.Domain.ConfirmationEmail, Partnership.Notification.Domain.ConfirmationEmailCommand>;

namespace Partnership.Notification.UnitTests;

public class ConfirmationEmailDecisionTests
{
    private static readonly DateTimeOffset IntendedAt = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = IntendedAt.AddSeconds(3);
    private static readonly TimeSpan UnknownAfter = TimeSpan.FromMinutes(2);
    private const string CustomerId = "cstaaaaaaaaaaaaaaaaa";
    private const string Recipient = "acme@yandex.ru";
    private const string Link = "https://partners.cloud.yandex.ru/invite/accept/dn2aaaaaaaaaaaaaaaaa";
    private static readonly string Subject = ConfirmationEmailContent.Subject("Yandex Cloud");

    private static readonly IntendConfirmationEmail Intend = new(CustomerId, Recipient, Subject, Link, IntendedAt);
    private static readonly ConfirmationEmailIntended Intended = new(CustomerId, Recipient, Subject, Link, IntendedAt);
    private static readonly ConfirmationEmailSent Sent = new(CustomerId, Recipient, Subject, Later);
    private static readonly ConfirmationEmailFailed Failed = new(CustomerId, Recipient, "connection refused", Later);
    private static readonly ConfirmationEmailDeliveryUnknown Unknown = new(CustomerId, Recipient, IntendedAt, "no answer", Later);

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
    public void The_server_accepting_the_mail_records_it_sent()
    {
        Spec.Given(Intended).When(new RecordSent(Later)).Then(Sent);
        Assert.Equal(DeliveryState.Sent, Spec.Given(Intended).StateAfter(Sent).State);
    }

    [Fact]
    public void An_unreachable_server_records_it_failed()
    {
        Spec.Given(Intended).When(new RecordFailed("connection refused", Later)).Then(Failed);
        Assert.Equal(DeliveryState.Failed, Spec.Given(Intended).StateAfter(Failed).State);
    }

    [Fact]
    public void A_send_that_broke_mid_exchange_is_unknown_at_once() =>
        Spec.Given(Intended).When(new RecordSendInterrupted("no answer", Later)).Then(Unknown);

    [Fact]
    public void No_outcome_without_an_intent()
    {
        Spec.Given().When(new RecordSent(Later)).ThenNothing();
        Spec.Given().When(new RecordFailed("x", Later)).ThenNothing();
        Spec.Given().When(new RecordSendInterrupted("x", Later)).ThenNothing();
        Spec.Given().When(new RecordUnknown(IntendedAt.AddHours(1), UnknownAfter)).ThenNothing();
    }

    [Fact]
    public void The_sweeper_leaves_an_intent_alone_until_it_is_older_than_UnknownAfter()
    {
        Spec.Given(Intended).When(new RecordUnknown(IntendedAt.AddSeconds(1), UnknownAfter)).ThenNothing();
        Spec.Given(Intended).When(new RecordUnknown(IntendedAt + UnknownAfter - TimeSpan.FromMilliseconds(1), UnknownAfter)).ThenNothing();
        Spec.Given(Intended).When(new RecordUnknown(IntendedAt + UnknownAfter, UnknownAfter)).ThenNothing();
    }

    [Fact]
    public void The_sweeper_marks_an_intent_older_than_UnknownAfter_unknown()
    {
        var now = IntendedAt + UnknownAfter + TimeSpan.FromSeconds(1);
        Spec.Given(Intended).When(new RecordUnknown(now, UnknownAfter))
            .Then(new ConfirmationEmailDeliveryUnknown(CustomerId, Recipient, IntendedAt, ConfirmationEmail.SweptReason(UnknownAfter), now));
        var state = Spec.Given(Intended).StateAfter(Unknown);
        Assert.Equal(DeliveryState.Unknown, state.State);
        Assert.Equal(Later, state.OutcomeAt);
    }

    public static TheoryData<string, string> OutcomesAndCommands()
    {
        var data = new TheoryData<string, string>();
        foreach (var outcome in new[] { "sent", "failed", "unknown" })
        foreach (var command in new[] { "intend", "sent", "failed", "interrupted", "sweep" })
            data.Add(outcome, command);
        return data;
    }

    [Theory]
    [MemberData(nameof(OutcomesAndCommands))]
    public void Nothing_is_decided_after_an_outcome(string outcome, string command)
    {
        object recorded = outcome switch { "sent" => Sent, "failed" => Failed, _ => Unknown };
        ConfirmationEmailCommand next = command switch
        {
            "intend" => Intend with { Now = IntendedAt.AddHours(1) },
            "sent" => new RecordSent(IntendedAt.AddHours(1)),
            "failed" => new RecordFailed("later", IntendedAt.AddHours(1)),
            "interrupted" => new RecordSendInterrupted("later", IntendedAt.AddHours(1)),
            _ => new RecordUnknown(IntendedAt.AddHours(1), UnknownAfter),
        };
        Spec.Given(Intended, recorded).When(next).ThenNothing();
    }

    [Fact]
    public void The_stream_is_named_after_the_customer()
    {
        Assert.Equal("confirmation-email-" + CustomerId, ConfirmationEmailIds.Stream(CustomerId));
        Assert.Equal(CustomerId, ConfirmationEmailIds.CustomerIdOf(ConfirmationEmailIds.Stream(CustomerId)));
    }

    [Fact]
    public void Stored_event_names_are_versioned()
    {
        var names = ConfirmationEmailEventTypes.Registry().Names;
        Assert.Equal("notification.confirmation-email-intended.v1", names[typeof(ConfirmationEmailIntended)]);
        Assert.Equal("notification.confirmation-email-sent.v1", names[typeof(ConfirmationEmailSent)]);
        Assert.Equal("notification.confirmation-email-delivery-unknown.v1", names[typeof(ConfirmationEmailDeliveryUnknown)]);
        Assert.Equal("notification.confirmation-email-failed.v1", names[typeof(ConfirmationEmailFailed)]);
    }
}
