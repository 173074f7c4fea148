using System.CommandLine;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Partnership.Cli.Hosting;
using Partnership.Contracts.Customers.V1;

namespace Partnership.Cli.Customers;

/// <summary>
/// customers watch: the record now and after each change (WatchCustomer), until Ctrl+C, --limit messages, or the record
/// reaches --until (so a script can wait for provisioning or the customer's confirmation).
/// </summary>
internal static class CustomerWatch
{
    private const string Provisioned = "provisioned";

    public static Command Create(Argument<string> customerId, Func<Session, Contracts.Customers.V1.Customers.CustomersClient> client)
    {
        var limit = LimitOption.Create("messages");
        var until = new Option<string?>("--until")
        {
            Description = "Stop at the first record that is 'provisioned' (provisioning COMPLETE) or in this status (e.g. ACTIVE)",
        };
        until.Validators.Add(result =>
        {
            if (result.Tokens.SingleOrDefault()?.Value is { } value && Target(value) is null)
                result.AddError($"--until takes '{Provisioned}' or a status ({string.Join(", ", StatusNames())}), not '{value}'.");
        });
        return new Command("watch", "Follow a customer record as it changes (WatchCustomer); Ctrl+C stops")
            .With(customerId, limit, until)
            .Does(async (parse, session, cancel) =>
            {
                var stop = parse.GetValue(until) is { } value ? Target(value)! : _ => false;
                var remaining = parse.GetValue(limit) ?? int.MaxValue;
                using var call = client(session).WatchCustomer(new WatchCustomerRequest { CustomerId = parse.GetRequiredValue(customerId) },
                    session.Auth, cancellationToken: cancel);
                await foreach (var record in call.ResponseStream.ReadAllAsync(cancel))
                {
                    session.Output.StreamItem(record, "version", "status", "provisioning", "subaccount_id", "organization_id", "cloud_ids");
                    if (--remaining <= 0 || stop(record)) return;
                }
            });
    }

    private static readonly EnumDescriptor Statuses = CustomersReflection.Descriptor.EnumTypes.Single(e => e.ClrType == typeof(CustomerStatus));

    private static IEnumerable<string> StatusNames() =>
        Statuses.Values.Where(v => v.Number != 0).Select(v => v.Name);

    private static Func<Customer, bool>? Target(string value)
    {
        if (value.Equals(Provisioned, StringComparison.OrdinalIgnoreCase)) return c => c.Provisioning == ProvisioningState.Complete;
        var status = Statuses.FindValueByName(value.Replace('-', '_').ToUpperInvariant());
        return status is null || status.Number == 0 ? null : c => (int)c.Status == status.Number;
    }
}
