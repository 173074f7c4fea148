namespace Partnership.CustomerService.Domain;

public static class LearnedIds
{
    /// <summary>One stream per account: its partner status and paid mode as this service learned them.</summary>
    public static string AccountStream(string accountId) => "learned-account-" + accountId;

    /// <summary>One stream per (normalized, lowercase) email: the account registered with it.</summary>
    public static string EmailStream(string email) => "learned-email-" + email;
}
