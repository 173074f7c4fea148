namespace Partnership.AppHost.Dashboard;

/// <summary>
/// The display names of the links the dashboard shows on the servers: the mail inbox and RabbitMQ's management UI, the
/// same in every infrastructure mode, so an operator (and a test) finds them by name.
/// </summary>
public static class DashboardLinks
{
    public const string MailInbox = "Mail inbox (smtp4dev)";

    /// <summary>Local and container modes: the administrator is "admin" with the generated password.</summary>
    public const string RabbitMqManagement = "RabbitMQ management (user admin, password: parameter rabbitmq-admin-password)";

    /// <summary>External mode: the broker's own administrator, whoever that is.</summary>
    public const string ExternalRabbitMqManagement = "RabbitMQ management";
}
