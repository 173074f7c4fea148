using Npgsql;

namespace Partnership.Benchmarks;

/// <summary>
/// Where an onboarding's time goes, from the commit timestamps of its events in the four stores: each hop is a
/// forwarder picking the event up (Marten's daemon), RabbitMQ, and the next service's consumer appending.
/// </summary>
public static class HopTimings
{
    private const string Created = "customer.created.v1";
    private const string SubaccountOpened = "billing.subaccount-opened.v1";
    private const string SubaccountAssigned = "customer.subaccount-assigned.v1";
    private const string OrganizationCreated = "identity.organization-created.v1";
    private const string OrganizationAssigned = "customer.organization-assigned.v1";
    private const string BindingGranted = "identity.access-binding-granted.v1";
    private const string EmailIntended = "notification.confirmation-email-intended.v1";
    private const string EmailSent = "notification.confirmation-email-sent.v1";

    public static readonly (string Label, string From, string To)[] Hops =
    [
        ("created -> subaccount opened (billing)", Created, SubaccountOpened),
        ("subaccount opened -> on the record (customer)", SubaccountOpened, SubaccountAssigned),
        ("on the record -> email intended (notification)", SubaccountAssigned, EmailIntended),
        ("email intended -> sent (SMTP)", EmailIntended, EmailSent),
        ("created -> organization (identity)", Created, OrganizationCreated),
        ("organization -> on the record (customer)", OrganizationCreated, OrganizationAssigned),
        ("created -> last role binding (identity)", Created, BindingGranted),
        ("created -> email sent (whole chain)", Created, EmailSent),
    ];

    /// <summary>Per hop: p50, p95 and max in seconds over the given customers (NaN where no customer had both ends).</summary>
    public static async Task<IReadOnlyList<(string Label, double P50, double P95, double Max, int Count)>> Read(string connectionString,
        IReadOnlyCollection<string> customerIds, CancellationToken ct)
    {
        var wanted = customerIds.ToHashSet();
        // Per customer and type: the first commit, or for role bindings the last one.
        var times = new Dictionary<(string Customer, string Type), DateTime>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        foreach (var (_, schema) in EventCounts.Stores)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT type, stream_id, coalesce(data->>'CustomerId', data->>'customerId'), timestamp FROM \"{schema}\".mt_events " +
                "WHERE type = ANY($1)", connection);
            command.Parameters.AddWithValue(new[]
            {
                Created, SubaccountOpened, SubaccountAssigned, OrganizationCreated, OrganizationAssigned, BindingGranted, EmailIntended, EmailSent,
            });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var type = reader.GetString(0);
                var stream = reader.GetString(1);
                var customer = reader.IsDBNull(2) ? null : reader.GetString(2);
                if (customer is null && stream.StartsWith("customer-", StringComparison.Ordinal)) customer = stream["customer-".Length..];
                if (customer is null || !wanted.Contains(customer)) continue;
                var at = reader.GetFieldValue<DateTime>(3);
                var key = (customer, type);
                if (!times.TryGetValue(key, out var known) || (type == BindingGranted ? at > known : at < known)) times[key] = at;
            }
        }
        var result = new List<(string, double, double, double, int)>();
        foreach (var (label, from, to) in Hops)
        {
            var spans = wanted
                .Where(c => times.ContainsKey((c, from)) && times.ContainsKey((c, to)))
                .Select(c => (times[(c, to)] - times[(c, from)]).TotalSeconds)
                .Order().ToList();
            result.Add(spans.Count == 0
                ? (label, double.NaN, double.NaN, double.NaN, 0)
                : (label, Stats.Percentile(spans, 50), Stats.Percentile(spans, 95), spans[^1], spans.Count));
        }
        return result;
    }
}
