using Partnership.EventSourcing;
using Partnership.Notification.Domain;
using Partnership.Notification.Integration;
using Partnership.Notification.Smtp;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.Notification.UnitTests;

public class ContentAndOptionsTests
{
    private const string Link = "https://partners.cloud.yandex.ru/invite/accept/dn2aaaaaaaaaaaaaaaaa";

    [Fact]
    public void The_subject_names_the_cloud() =>
        Assert.Equal("Confirm that you are ready to work with the integrator in Yandex Cloud", ConfirmationEmailContent.Subject("Yandex Cloud"));

    [Fact]
    public void Both_bodies_carry_the_link_and_say_following_it_confirms()
    {
        var text = ConfirmationEmailContent.PlainText("Yandex Cloud", Link);
        Assert.Contains(Link, text);
        Assert.Contains("follow this link", text);
        Assert.Contains("confirmed", text);
        Assert.Contains($"href=\"{Link}\"", ConfirmationEmailContent.Html("Yandex Cloud", Link));
    }

    [Fact]
    public void The_mime_message_has_text_and_html_alternatives()
    {
        var message = ConfirmationEmailMessage.Compose("noreply@partners.cloud.yandex.ru", "Yandex Cloud", "cst1", "acme@yandex.ru",
            ConfirmationEmailContent.Subject("Yandex Cloud"), Link);
        Assert.Equal("acme@yandex.ru", Assert.Single(message.To.Mailboxes).Address);
        Assert.Contains(Link, message.TextBody);
        Assert.Contains(Link, message.HtmlBody);
        Assert.Equal("confirmation-email.cst1@partners.cloud.yandex.ru", message.MessageId);
    }

    [Fact]
    public void The_defaults_are_valid_and_the_sweep_period_is_at_most_five_seconds()
    {
        var options = new NotificationOptions();
        Assert.Null(options.Problem());
        Assert.Equal(TimeSpan.FromSeconds(5), options.SweepPeriod);
        Assert.Equal(TimeSpan.FromSeconds(2), new NotificationOptions { UnknownAfter = TimeSpan.FromSeconds(4), SmtpTimeout = TimeSpan.FromSeconds(1) }.SweepPeriod);
    }

    [Theory]
    [InlineData("00:02:00", "00:02:00")]
    [InlineData("00:01:00", "00:02:00")]
    [InlineData("00:00:00", "00:00:30")]
    public void The_smtp_timeout_must_be_below_UnknownAfter(string unknownAfter, string smtpTimeout)
    {
        var options = new NotificationOptions { UnknownAfter = TimeSpan.Parse(unknownAfter), SmtpTimeout = TimeSpan.Parse(smtpTimeout) };
        Assert.NotNull(options.Problem());
        Assert.True(new NotificationOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void Retries_default_to_one_second_doubling_to_five_minutes_for_a_day()
    {
        var retry = new NotificationOptions().Retry;
        Assert.Equal(new RetryPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20), TimeSpan.FromHours(24)), retry);
        Assert.Equal(16, new NotificationOptions().SmtpConnections);
    }

    [Theory]
    [InlineData(nameof(NotificationOptions.RetryFirstDelay), "00:00:00")]
    [InlineData(nameof(NotificationOptions.RetryMaxDelay), "00:00:00.5")]
    [InlineData(nameof(NotificationOptions.RetryFor), "-00:00:01")]
    [InlineData(nameof(NotificationOptions.ResumeAfter), "00:00:00")]
    [InlineData(nameof(NotificationOptions.ResumePeriod), "00:00:00")]
    [InlineData(nameof(NotificationOptions.ResumeIdlePeriod), "00:00:00.5")]
    public void Retry_and_resume_timings_must_make_sense(string key, string value)
    {
        var options = new NotificationOptions();
        typeof(NotificationOptions).GetProperty(key)!.SetValue(options, TimeSpan.Parse(value));
        Assert.Contains(key, options.Problem());
    }

    [Fact]
    public void At_least_one_smtp_connection() =>
        Assert.Contains("SmtpConnections", new NotificationOptions { SmtpConnections = 0 }.Problem());

    [Fact]
    public void The_sender_address_must_be_an_email() =>
        Assert.NotNull(new NotificationOptions { From = "not an address" }.Problem());

    [Theory]
    [InlineData("smtp://127.0.0.1:2525", "127.0.0.1", 2525)]
    [InlineData("smtp://mail.example.com:25", "mail.example.com", 25)]
    [InlineData("Endpoint=smtp://localhost:1025", "localhost", 1025)]
    [InlineData(null, "127.0.0.1", 2525)]
    public void The_smtp_connection_string_names_host_and_port(string? connectionString, string host, int port) =>
        Assert.Equal((host, port), SmtpOptions.ParseConnectionString(connectionString));

    [Theory]
    [InlineData("127.0.0.1:2525")]
    [InlineData("http://127.0.0.1:2525")]
    public void A_malformed_smtp_connection_string_is_refused(string connectionString) =>
        Assert.Throws<InvalidOperationException>(() => SmtpOptions.ParseConnectionString(connectionString));

    [Fact]
    public void Outcomes_are_published_and_the_intent_is_not()
    {
        var at = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        var mapper = new NotificationIntegrationEvents();
        RecordedEvent Recorded(object data) => new(Guid.NewGuid(), "confirmation-email-cst1", 2, 10, "t", data, at, null);

        Assert.Null(mapper.Map(Recorded(new ConfirmationEmailIntended("cst1", "a@b.ru", "s", Link, at))));
        // Attempts are the service's own business; only the final outcome is told.
        Assert.Null(mapper.Map(Recorded(new ConfirmationEmailHandingOver("cst1", 1, "host/1", at))));
        Assert.Null(mapper.Map(Recorded(new ConfirmationEmailDeferred("cst1", "a@b.ru", 1, "451", at.AddSeconds(1), at))));
        Assert.Equal(new ConfirmationEmailSentIntegrationEvent("cst1", "a@b.ru", "s", at), mapper.Map(Recorded(new ConfirmationEmailSent("cst1", "a@b.ru", "s", at))));
        Assert.Equal(new ConfirmationEmailFailedIntegrationEvent("cst1", "a@b.ru", "refused", at),
            mapper.Map(Recorded(new ConfirmationEmailFailed("cst1", "a@b.ru", "refused", at))));
        Assert.Equal(new ConfirmationEmailDeliveryUnknownIntegrationEvent("cst1", "a@b.ru", at, at.AddMinutes(3)),
            mapper.Map(Recorded(new ConfirmationEmailDeliveryUnknown("cst1", "a@b.ru", at, "swept", at.AddMinutes(3)))));
    }
}
