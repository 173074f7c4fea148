using System.Text;
using System.Text.Json.Nodes;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests.Trust;

/// <summary>
/// The two forgeries an attacker with a broker login got through before: a message on the right exchange
/// but not published by the exchange's owner is not processed. Each test also sends the same forgery as the
/// owner's broker user, and sees it processed: the consumer would act on the message, only its publisher
/// is refused.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ForgedMessageTests(PartnershipSystem system)
{
    private const string Provisioned = "partnership.customer-provisioned.v1";
    private const string SubaccountCreated = "partnership.subaccount-created.v1";
    private const string Granted = "partnership.access-binding-granted.v1";

    [Fact]
    public async Task A_forged_customer_provisioned_sends_no_email()
    {
        var original = await OneOnboarding(Provisioned);
        var (noUserId, adminUserId, byOwner) = (Scenario.UniqueEmail("victim"), Scenario.UniqueEmail("victim"), Scenario.UniqueEmail("control"));

        await system.PublishAsAdministrator(Provisioned, Forge(original, noUserId), userId: null);
        await system.PublishAsAdministrator(Provisioned, Forge(original, adminUserId), userId: system.AdministratorUser());
        await system.PublishAs("customer", Provisioned, Forge(original, byOwner));

        await Eventually.True(() => system.Smtp.To(byOwner).Count == 1, what: "the email of the message the owner published");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(system.Smtp.To(noUserId));
        Assert.Empty(system.Smtp.To(adminUserId));

        static byte[] Forge(byte[] body, string email) => Envelope(body, m =>
        {
            m["customerId"] = "forged" + Guid.NewGuid().ToString("N")[..12];
            m["customerEmail"] = email;
            m["inviteLink"] = "https://attacker.example/invite/accept/x";
        });
    }

    [Fact]
    public async Task A_forged_subaccount_created_grants_no_access()
    {
        var original = await OneOnboarding(SubaccountCreated);
        var attacker = await system.RegisterAccount("attacker");
        var (noUserId, adminUserId, byOwner) = (ForgedId(), ForgedId(), ForgedId());

        await system.PublishAsAdministrator(SubaccountCreated, Forge(original, noUserId, attacker.Id), userId: null);
        await system.PublishAsAdministrator(SubaccountCreated, Forge(original, adminUserId, attacker.Id), userId: system.AdministratorUser());
        await system.PublishAs("billing", SubaccountCreated, Forge(original, byOwner, attacker.Id));

        await Eventually.True(() => system.Tap.For(Granted, "resourceId", byOwner).Count > 0,
            what: "the bindings of the message the owner published");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(system.Tap.For(Granted, "resourceId", noUserId));
        Assert.Empty(system.Tap.For(Granted, "resourceId", adminUserId));

        static string ForgedId() => "bn" + Guid.NewGuid().ToString("N")[..18];

        static byte[] Forge(byte[] body, string subaccountId, string attacker) => Envelope(body, m =>
        {
            m["subaccountId"] = subaccountId;
            m["partnerAccountId"] = attacker;
            m["customerAccountId"] = attacker;
        });
    }

    /// <summary>A real message of the given exchange, from one onboarding, as the template of a forgery.</summary>
    private async Task<byte[]> OneOnboarding(string exchange)
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var created = await system.AddCustomer(partner, customer);
        await Eventually.True(() => system.Tap.For(exchange, "customerId", created.CustomerId).Count == 1, what: exchange);
        return system.Tap.For(exchange, "customerId", created.CustomerId).Single().Body;
    }

    private static byte[] Envelope(byte[] body, Action<JsonObject> edit)
    {
        var envelope = JsonNode.Parse(Encoding.UTF8.GetString(body))!.AsObject();
        envelope["messageId"] = Guid.NewGuid().ToString();
        edit(envelope["message"]!.AsObject());
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }
}
