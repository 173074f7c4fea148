namespace Partnership.Testing;

/// <summary>
/// The services' broker users and database roles are cluster-wide (named after the service), so every run
/// on the shared test servers (tests, benchmark) gives the AppHost these same fixed passwords: a run that
/// generated its own would change the password under another run's services. Each run's grants are on its
/// own virtual host and database.
/// </summary>
public static class TestServiceLogins
{
    public static readonly string[] Services = ["identity", "billing", "customer", "notification"];

    public static string BrokerPassword(string service) => $"testRabbit{service}Login0";
    public static string DatabasePassword(string service) => $"testPostgres{service}Login0";

    /// <summary>AppHost arguments: the passwords, and where the test node's management API answers.</summary>
    public static string[] AppHostArguments(Uri rabbitManagement) =>
    [
        $"--Infrastructure:RabbitMqManagementUrl={rabbitManagement}",
        .. Services.SelectMany(s => new[]
        {
            $"--Parameters:{s}-rabbitmq-password={BrokerPassword(s)}", $"--Parameters:{s}-postgres-password={DatabasePassword(s)}",
        }),
    ];
}
