using Microsoft.Extensions.Configuration;

namespace Partnership.BillingAccount.UnitTests;

public class LinkingOptionsTests
{
    private static LinkingOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new LinkingOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(LinkingOptions.Section).Bind(options);
        return options;
    }

    [Fact]
    public void The_defaults_are_the_documented_roles()
    {
        var options = Bind([]);
        Assert.Equal(["admin", "editor", "resource-manager.clouds.owner"], options.CloudRolesOrDefault());
        Assert.Equal(["billing.accounts.owner", "billing.accounts.editor", "admin", "editor"],
            options.BillingAccountRolesOrDefault());
    }

    [Fact]
    public void A_configured_list_replaces_the_default_rather_than_adding_to_it()
    {
        var options = Bind(new() { ["Linking:CloudRoles:0"] = "admin", ["Linking:BillingAccountRoles:0"] = "billing.accounts.owner" });
        Assert.Equal(["admin"], options.CloudRolesOrDefault());
        Assert.Equal(["billing.accounts.owner"], options.BillingAccountRolesOrDefault());
    }
}
