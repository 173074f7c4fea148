using System.Text;
using Marten;
using Partnership.Customer.Domain;
using Partnership.EventSourcing;

namespace Partnership.Customer.Onboarding.Reading;

public sealed record CustomerPage(IReadOnlyList<CustomerView> Customers, string NextPageToken);

public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Entries, string NextPageToken);

public sealed class CustomerQueries(IQuerySession session, IEventStore store)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>One record, read from its stream (no lag). Visible to its partner and its customer only.</summary>
    public async Task<(CustomerRecord Record, long Version)> Get(string callerAccountId, string? customerId, CancellationToken ct)
    {
        var (record, stream) = await ReadVisible(callerAccountId, customerId, ct);
        return (record, stream.Version);
    }

    /// <summary>Every change to one record, oldest first, from its stream (no lag). Visible to its partner and its customer only.</summary>
    public async Task<HistoryPage> History(string callerAccountId, string? customerId, int pageSize, string? pageToken, CancellationToken ct)
    {
        var size = PageSize(pageSize);
        var after = DecodeToken(pageToken);
        var (_, stream) = await ReadVisible(callerAccountId, customerId, ct);
        var entries = CustomerHistory.Of(stream.Events).Where(e => e.Version > after).Take(size + 1).ToList();
        var next = entries.Count > size ? EncodeToken((int)entries[size - 1].Version) : "";
        return new HistoryPage(entries.Take(size).ToList(), next);
    }

    // The record's stream and its state, for its partner and its customer; anyone else is told it does not exist.
    private async Task<(CustomerRecord Record, StreamEvents Stream)> ReadVisible(string callerAccountId, string? customerId, CancellationToken ct)
    {
        var stream = await store.ReadStream(CustomerIds.RequireStream(customerId), ct);
        var record = stream.Events.Select(e => e.Data).Fold(CustomerRecord.Initial, CustomerRecord.Evolve);
        if (!record.Exists || (record.PartnerAccountId != callerAccountId && record.CustomerAccountId != callerAccountId))
            throw DomainException.NotFound($"No customer {customerId}.");
        return (record, stream);
    }

    /// <summary>The partner's own customers, newest first; eventually consistent with the streams.</summary>
    public async Task<CustomerPage> List(string partnerAccountId, int pageSize, string? pageToken, CustomerStatus? status,
        string? query, CancellationToken ct)
    {
        var size = PageSize(pageSize);
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

    private static int PageSize(int pageSize) => pageSize is < 0 or > MaxPageSize
        ? throw DomainException.Invalid("page_size", $"must be between 0 and {MaxPageSize}.")
        : pageSize == 0 ? DefaultPageSize : pageSize;

    // A position to continue from (an offset in a list, a version in a history), opaque to the client.
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
