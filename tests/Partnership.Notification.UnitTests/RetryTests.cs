using Partnership.EventSourcing;
using Partnership.Notification.Delivering.Sending;
using Partnership.Notification.Domain;
using Partnership.Testing;

namespace Partnership.Notification.UnitTests;

/// <summary>What certainly did not go is retried from the stored state until it goes once, or fails with the reason.</summary>
public sealed class RetryTests : ScriptedSmtpFixture
{
    [Fact]
    public async Task A_refused_connection_is_retried_and_the_email_goes_exactly_once_when_the_server_is_back()
    {
        var customer = NewCustomer();
        await Server.Refuse();

        Assert.Equal(SendAttempt.Retrying, await Provisioned(customer));
        // Nothing was handed over: the stream shows no hand-over at all.
        Assert.Collection(Events(customer), e => Assert.IsType<ConfirmationEmailIntended>(e), e => Assert.IsType<ConfirmationEmailDeferred>(e));
        Assert.Contains("Could not reach", State(customer).Reason);
        // Not due yet: the resumer leaves it.
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));

        UntilNextAttempt(customer);
        Assert.Equal(SendAttempt.Retrying, await Handler().Resume(customer, CancellationToken.None));
        Assert.Equal(2, State(customer).Attempts);
        Assert.Equal(TimeSpan.FromSeconds(2), State(customer).NextAttemptAt - Clock.Now);

        await Server.ResumeListening();
        UntilNextAttempt(customer);
        Assert.Equal(SendAttempt.Sent, await Handler().Resume(customer, CancellationToken.None));
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));
        Assert.Equal(SendAttempt.AlreadyDecided, await Provisioned(customer));

        Assert.Single(Server.To(RecipientOf(customer)));
        Assert.IsType<ConfirmationEmailSent>(Events(customer)[^1]);
    }

    [Theory]
    [InlineData(SmtpStep.MailFrom)]
    [InlineData(SmtpStep.RcptTo)]
    [InlineData(SmtpStep.Data)]
    public async Task A_4xx_reply_is_retried_and_the_retry_sends_one_email(SmtpStep step)
    {
        var customer = NewCustomer();
        Server.Reply(step, 451, "Try again later");

        Assert.Equal(SendAttempt.Retrying, await Provisioned(customer));
        // The hand-over is recorded only once the recipient is accepted, right before DATA: a refusal before it leaves none.
        var handedOver = step == SmtpStep.Data ? 1 : 0;
        Assert.Equal(handedOver, Events(customer).OfType<ConfirmationEmailHandingOver>().Count());
        Assert.IsType<ConfirmationEmailDeferred>(Events(customer)[^1]);
        Assert.Contains("451", State(customer).Reason);
        Assert.Empty(Server.To(RecipientOf(customer)));

        UntilNextAttempt(customer);
        Assert.Equal(SendAttempt.Sent, await Handler().Resume(customer, CancellationToken.None));
        Assert.Single(Server.To(RecipientOf(customer)));
        Assert.Equal(handedOver + 1, Events(customer).OfType<ConfirmationEmailHandingOver>().Count());
    }

    [Theory]
    [InlineData(SmtpStep.MailFrom)]
    [InlineData(SmtpStep.RcptTo)]
    [InlineData(SmtpStep.Data)]
    public async Task A_5xx_reply_fails_at_once_with_the_servers_reply_and_is_never_retried(SmtpStep step)
    {
        var customer = NewCustomer();
        Server.Reply(step, 550, "Mailbox does not exist");

        Assert.Equal(SendAttempt.Failed, await Provisioned(customer));
        var failed = Assert.IsType<ConfirmationEmailFailed>(Events(customer)[^1]);
        Assert.Contains("550", failed.Reason);
        Assert.Contains("Mailbox does not exist", failed.Reason);

        Clock.Now += TimeSpan.FromHours(2);
        Assert.Equal(SendAttempt.AlreadyDecided, await Handler().Resume(customer, CancellationToken.None));
        Assert.Equal(SendAttempt.AlreadyDecided, await Provisioned(customer));
        Assert.Empty(Server.To(RecipientOf(customer)));
    }

    [Theory]
    [InlineData(SmtpStep.MailFrom)]
    [InlineData(SmtpStep.RcptTo)]
    public async Task A_server_frozen_before_DATA_is_not_unknown_but_retried(SmtpStep step)
    {
        var customer = NewCustomer();
        Server.Freeze(step);

        Assert.Equal(SendAttempt.Retrying, await Provisioned(customer));
        Assert.Equal([step], Server.Freezes);
        Assert.Contains("before the mail was handed over", State(customer).Reason);
        Assert.Empty(Events(customer).OfType<ConfirmationEmailHandingOver>());
        Server.Thaw();

        UntilNextAttempt(customer);
        Assert.Equal(SendAttempt.Sent, await Handler().Resume(customer, CancellationToken.None));
        Assert.Single(Server.To(RecipientOf(customer)));
    }

    [Fact]
    public async Task Retries_that_run_out_end_the_email_failed_with_the_last_reason()
    {
        var customer = NewCustomer();
        await Server.Refuse();
        Assert.Equal(SendAttempt.Retrying, await Provisioned(customer));

        Clock.Now += TimeSpan.FromHours(1);
        Assert.Equal(SendAttempt.Failed, await Handler().Resume(customer, CancellationToken.None));
        var failed = Assert.IsType<ConfirmationEmailFailed>(Events(customer)[^1]);
        Assert.StartsWith("Not delivered after 2 attempts over 01:00:00", failed.Reason);
        Assert.Contains("Could not reach", failed.Reason);
    }

    [Fact]
    public async Task Two_resumers_racing_on_a_due_retry_send_one_email()
    {
        var customer = NewCustomer();
        Server.Reply(SmtpStep.RcptTo, 421, "Busy");
        Assert.Equal(SendAttempt.Retrying, await Provisioned(customer));
        UntilNextAttempt(customer);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Handler().Resume(customer, CancellationToken.None))));

        Assert.Single(attempts, a => a == SendAttempt.Sent);
        Assert.Single(Server.To(RecipientOf(customer)));
        // The refused first attempt never reached the hand-over; of the racing resumers one did.
        Assert.Single(Events(customer).OfType<ConfirmationEmailHandingOver>());
    }
}
