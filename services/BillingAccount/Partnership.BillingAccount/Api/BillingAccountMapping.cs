using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Partnership.BillingAccount.Accounts.Reading;
using Partnership.BillingAccount.Domain;
using Proto = Partnership.Contracts.Billing.V1;

namespace Partnership.BillingAccount.Api;

internal static class BillingAccountMapping
{
    /// <param name="defaultCurrency">For subaccounts, which carry no grant of their own: the currency amounts are shown in.</param>
    public static Proto.BillingAccount ToProto(BillingAccountRecord r, long version, string defaultCurrency) => new()
    {
        BillingAccountId = r.BillingAccountId, Kind = ToProto(r.Kind), OwnerAccountId = r.OwnerAccountId, Mode = ToProto(r.Mode),
        InitialGrant = Money(r.InitialGrant, r.Currency, defaultCurrency), CustomerAccountId = r.CustomerAccountId,
        CustomerId = r.CustomerId, CreateTime = r.CreatedAt is { } c ? Timestamp.FromDateTimeOffset(c) : null, Version = version,
        Outstanding = Money(r.Outstanding, r.Currency, defaultCurrency), CloudIds = { r.CloudIds }, Billable = r.Billable,
    };

    public static Proto.BillingAccount ToProto(BillingAccountView v, string defaultCurrency) => new()
    {
        BillingAccountId = v.Id, Kind = ToProto(v.Kind), OwnerAccountId = v.OwnerAccountId, Mode = ToProto(v.Mode),
        InitialGrant = Money(v.InitialGrant, v.Currency, defaultCurrency), CustomerAccountId = v.CustomerAccountId,
        CustomerId = v.CustomerId, CreateTime = Timestamp.FromDateTimeOffset(v.CreatedAt), Version = v.Version,
        Outstanding = Money(v.Outstanding, v.Currency, defaultCurrency), CloudIds = { v.CloudIds }, Billable = v.Billable,
    };

    public static Proto.Money Money(decimal amount, string currency, string defaultCurrency) => new()
    {
        Amount = amount.ToString("0.00", CultureInfo.InvariantCulture),
        Currency = string.IsNullOrEmpty(currency) ? defaultCurrency : currency,
    };

    private static Proto.BillingAccountKind ToProto(BillingAccountKind k) => k switch
    {
        BillingAccountKind.Personal => Proto.BillingAccountKind.Personal,
        BillingAccountKind.PartnerSubaccount => Proto.BillingAccountKind.PartnerSubaccount,
        _ => Proto.BillingAccountKind.Unspecified,
    };

    private static Proto.ConsumptionMode ToProto(ConsumptionMode m) => m switch
    {
        ConsumptionMode.Trial => Proto.ConsumptionMode.Trial,
        ConsumptionMode.Paid => Proto.ConsumptionMode.Paid,
        _ => Proto.ConsumptionMode.Unspecified,
    };
}
