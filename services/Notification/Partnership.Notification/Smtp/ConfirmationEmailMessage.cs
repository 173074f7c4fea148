using MimeKit;
using Partnership.Notification.Domain;

namespace Partnership.Notification.Smtp;

/// <summary>The confirmation email as a MIME message: plain text with an HTML alternative, both carrying the invite link.</summary>
public static class ConfirmationEmailMessage
{
    public static MimeMessage Compose(string from, string cloudName, string customerId, string recipient, string subject, string inviteLink)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = subject;
        // The same customer always gets the same Message-Id, so a mail system can recognise a copy.
        var domain = from[(from.LastIndexOf('@') + 1)..];
        message.MessageId = $"confirmation-email.{customerId}@{domain}";
        message.Body = new BodyBuilder
        {
            TextBody = ConfirmationEmailContent.PlainText(cloudName, inviteLink),
            HtmlBody = ConfirmationEmailContent.Html(cloudName, inviteLink),
        }.ToMessageBody();
        return message;
    }

    public static MimeMessage Compose(string from, string cloudName, ConfirmationEmail intended) =>
        Compose(from, cloudName, intended.CustomerId, intended.Recipient, intended.Subject, intended.InviteLink);
}
