using System.Text;
using Marten;
using Partnership.Customer.Domain;
using Partnership.EventSourcing;

namespace Partnership.Customer.Onboarding.Reading;

public sealed record CustomerPage(IReadOnlyList<CustomerView> Customers, string NextPageToken);

public sealed class CustomerQueries(IQuerySession session, CommandHandler commands)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>One record, read from its stream (no lag). Visible to its partner and its customer only.</summary>
    public async Task<(CustomerRecord Record, long Version)> Get(string callerAccountId, string? customerId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(customerId) || !ResourceIds.IsValid(customerId, CustomerIds.Prefix))
            throw DomainException.Invalid("customer_id", "must be a customer ID in cst... format.");
        var (record, version) = await commands.Load<CustomerRecord, CustomerCommand>(CustomerIds.Stream(customerId), ct);
        if (!record.Exists || (record.PartnerAccountId != callerAccountId && record.CustomerAccountId != callerAccountId))
            throw DomainException.NotFound($"No customer {customerId}.");
        return (record, version);
    }

    /// <summary>The partner's own customers, newest first; eventually consistent with the streams.</summary>
    public async Task<CustomerPage> List(string partnerAccountId, int pageSize, string? pageToken, CustomerStatus? status,
        string? query, CancellationToken ct)
    {
        if (pageSize < 0 || pageSize > MaxPageSize)
            throw DomainException.Invalid("page_size", $"must be between 0 and {MaxPageSize}.");
        var size = pageSize == 0 ? DefaultPageSize : pageSize;
        var offset = DecodeToken(pageToken);
        var q = session.Query<CustomerView>().Where(v => v.PartnerAccountId == partnerAccountId);
        if (status is { } s) q = q.Where(v => v.Status == s);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var needle = query.Trim().ToLowerInvariant();
            q = q.Where(v => v.SearchText.Contains(needle));
        }
        var rows = await q.OrderByDescending(v => v.CreatedAt).ThenBy(v => v.Id).Skip(offset).Take(size + 1).ToListAsync(ct);
        var next = rows.Count > size ? EncodeToken(offset + size) : "";
        return new CustomerPage(rows.Take(size).ToList(), next);
    }

    private static string EncodeToken(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{offset}"));

    private static int DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token)) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text[2..], out var offset) && offset >= 0) return offset;
        }
        catch (FormatException)
        {
        }
        throw DomainException.Invalid("page_token", "is not a token this API returned.");
    }
}
