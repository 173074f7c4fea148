using Npgsql;

namespace Partnership.Benchmarks;

/// <summary>What the four event stores (mt_events in each service's schema) hold: counts, sequence holes, hop times.</summary>
public static class Stores
{
    public static readonly string[] Schemas = ["identity", "billing", "customer", "notification"];

    /// <summary>Per store: events stored and the highest sequence number.</summary>
    public static async Task<Dictionary<string, (long Events, long MaxSeq)>> Count(string postgres)
    {
        var result = new Dictionary<string, (long, long)>();
        foreach (var schema in Schemas)
            result[schema] = await Query(postgres, $"SELECT count(*), coalesce(max(seq_id), 0) FROM {schema}.mt_events",
                r => (r.GetInt64(0), r.GetInt64(1))).ContinueWith(t => t.Result.Single());
        return result;
    }

    /// <summary>
    /// Sequence numbers taken after <paramref name="fromSeq"/> and never committed (a failed append): the daemon waits
    /// before it skips such a hole, and every subscription of that store waits with it.
    /// </summary>
    public static async Task<long> Holes(string postgres, string schema, long fromSeq) =>
        (await Query(postgres, "SELECT coalesce(sum(next - seq_id - 1), 0)::bigint FROM (SELECT seq_id, lead(seq_id) OVER (ORDER BY seq_id) " +
            $"AS next FROM {schema}.mt_events WHERE seq_id >= {fromSeq}) t WHERE next > seq_id + 1", r => r.GetInt64(0))).Single();

    private static readonly (string Label, string From, string To)[] HopList =
    [
        ("created -> subaccount opened (billing)", "customer.created.v1", "billing.subaccount-opened.v1"),
        ("subaccount opened -> on the record (customer)", "billing.subaccount-opened.v1", "customer.subaccount-assigned.v1"),
        ("subaccount opened -> organization (identity)", "billing.subaccount-opened.v1", "identity.organization-created.v1"),
        ("organization -> on the record (customer)", "identity.organization-created.v1", "customer.organization-assigned.v2"),
        // The intent is committed with the first hand-over, inside the SMTP transaction (after MAIL FROM and RCPT TO).
        ("on the record -> email handed over (notification)", "customer.subaccount-assigned.v1", "notification.confirmation-email-intended.v1"),
        ("email handed over -> sent (SMTP DATA)", "notification.confirmation-email-intended.v1", "notification.confirmation-email-sent.v1"),
    ];

    /// <summary>
    /// Each hop (commit, publish, consume, the next service's commit) from the commit timestamps of the two stored
    /// events, per customer of the run: seconds, in the order of <see cref="HopList"/>.
    /// </summary>
    public static async Task<List<(string Label, List<double> Seconds)>> Hops(string postgres, IReadOnlySet<string> customers)
    {
        var types = HopList.SelectMany(h => new[] { h.From, h.To }).Distinct().ToArray();
        var at = new Dictionary<(string Customer, string Type), DateTime>();
        foreach (var schema in Schemas)
        {
            var rows = await Query(postgres, "SELECT type, coalesce(data->>'CustomerId', data->>'customerId', substring(stream_id from '^customer-(.*)$')), timestamp " +
                $"FROM {schema}.mt_events WHERE type = ANY(@types)", r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1),
                r.GetFieldValue<DateTime>(2)), ("types", types));
            foreach (var (type, customer, time) in rows)
                if (customer is not null && customers.Contains(customer) && (!at.TryGetValue((customer, type), out var t) || time < t))
                    at[(customer, type)] = time;
        }
        return HopList.Select(h => (h.Label, customers
            .Where(c => at.ContainsKey((c, h.From)) && at.ContainsKey((c, h.To)))
            .Select(c => (at[(c, h.To)] - at[(c, h.From)]).TotalSeconds).ToList())).ToList();
    }

    private static async Task<List<T>> Query<T>(string postgres, string sql, Func<NpgsqlDataReader, T> read, params (string, object)[] parameters)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<T>();
        while (await reader.ReadAsync()) result.Add(read(reader));
        return result;
    }
}
