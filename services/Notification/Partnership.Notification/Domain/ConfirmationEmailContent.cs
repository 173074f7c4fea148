using System.Net;

namespace Partnership.Notification.Domain;

/// <summary>What the confirmation email says. Pure text; the SMTP sender turns it into a MIME message.</summary>
public static class ConfirmationEmailContent
{
    public static string Subject(string cloudName) => $"Confirm that you are ready to work with the integrator in {cloudName}";

    public static string PlainText(string cloudName, string inviteLink) =>
        $"""
        Hello,

        A partner of {cloudName} (an integrator) has added you as its customer.

        To confirm that you are ready to work with the integrator in {cloudName}, follow this link:

        {inviteLink}

        The partnership is confirmed when you log in to your account using this link.
        If you did not expect this email, ignore it: nothing changes until you follow the link.

        This email is sent only once.
        """;

    public static string Html(string cloudName, string inviteLink)
    {
        var cloud = WebUtility.HtmlEncode(cloudName);
        var link = WebUtility.HtmlEncode(inviteLink);
        return $"""
            <!DOCTYPE html>
            <html>
            <body>
            <p>Hello,</p>
            <p>A partner of {cloud} (an integrator) has added you as its customer.</p>
            <p>To confirm that you are ready to work with the integrator in {cloud}, follow this link:</p>
            <p><a href="{link}">{link}</a></p>
            <p>The partnership is confirmed when you log in to your account using this link.
            If you did not expect this email, ignore it: nothing changes until you follow the link.</p>
            <p>This email is sent only once.</p>
            </body>
            </html>
            """;
    }
}
