using Partnership.BillingAccount.Domain;

namespace Partnership.BillingAccount.UnitTests;

/// <summary>The cast of the cloud tests: a customer with a personal account and a cloud, its partner and the subaccount.</summary>
internal static class CloudFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    public const string Customer = "ajecustomer000000001";
    public const string Partner = "ajepartner0000000001";
    public const string Stranger = "ajestranger000000001";
    public const string CustomerId = "cstaaaaaaaaaaaaaaaaa";
    public const string OrganizationId = "bpfaaaaaaaaaaaaaaaaa";
    public const string RequestId = "create-cloud-1";

    public static readonly string CustomerPersonal = BillingAccountIds.Personal(Customer);
    public static readonly string PartnerPersonal = BillingAccountIds.Personal(Partner);
    public static readonly string Subaccount = BillingAccountIds.Subaccount(CustomerId);
    public static readonly string OtherSubaccount = BillingAccountIds.Subaccount("cstbbbbbbbbbbbbbbbbb");
    public static readonly string CloudId = CloudIds.For(Customer, RequestId);

    public static readonly IReadOnlyList<string> CloudRoles = LinkingOptions.DefaultCloudRoles;
    public static readonly IReadOnlyList<string> BillingAccountRoles = LinkingOptions.DefaultBillingAccountRoles;

    public static BillingAccountRecord Account(params object[] events) => events.Aggregate(BillingAccountRecord.Initial, BillingAccountRecord.Evolve);

    public static BillingAccountRecord CustomerAccount => Account(new PersonalAccountOpened(CustomerPersonal, Customer, 4000m, "RUB", Now));
    public static BillingAccountRecord PartnerAccount => Account(new PersonalAccountOpened(PartnerPersonal, Partner, 4000m, "RUB", Now));
    /// <summary>The customer's subaccount, its partnership confirmed (Active).</summary>
    public static BillingAccountRecord SubaccountRecord =>
        Account(new SubaccountOpened(Subaccount, Partner, Customer, CustomerId, Now), new SubaccountActivated(Now));

    /// <summary>The same subaccount before the customer confirmed.</summary>
    public static BillingAccountRecord PendingSubaccountRecord => Account(new SubaccountOpened(Subaccount, Partner, Customer, CustomerId, Now));

    /// <summary>Another customer's subaccount with the same partner.</summary>
    public static BillingAccountRecord OtherSubaccountRecord =>
        Account(new SubaccountOpened(OtherSubaccount, Partner, OtherCustomer, "cstbbbbbbbbbbbbbbbbb", Now), new SubaccountActivated(Now));

    public const string OtherCustomer = "ajeothercustomer0001";

    public static ValidCloudRequest Request(string billingAccountId) => ValidCloudRequest.From(RequestId, "prod", OrganizationId, billingAccountId);

    /// <summary>The customer's cloud as created on its own personal account.</summary>
    public static readonly CloudCreated Created = new(CloudId, "prod", OrganizationId, Customer, CustomerPersonal, Now);

    public static CloudMoved Moved(string from, string to, string by, decimal owed = 0m) => new(from, to, by, owed, "RUB", Now.AddHours(1));

    public static RoleCheck Holds(IReadOnlyList<string> asked, params string[] held) =>
        new(held.Any(asked.Contains), held, asked);
}
