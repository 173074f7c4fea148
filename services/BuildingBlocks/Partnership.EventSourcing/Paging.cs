using System.Text;

namespace Partnership.EventSourcing;

/// <summary>
/// One page of a list, as every List RPC pages (the conventions of ListCustomers): page_size 0 means
/// <see cref="DefaultPageSize"/>, at most <see cref="MaxPageSize"/>; page_token is opaque (an offset) and one this API
/// did not return is INVALID_ARGUMENT naming page_token; next_page_token is empty on the last page.
/// Read both from the request before anything else, so a bad one refuses before any lookup.
/// </summary>
public readonly record struct Paging(int Size, int Offset)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static Paging Of(int pageSize, string? pageToken) => new(SizeOf(pageSize), OffsetOf(pageToken));

    /// <summary>
    /// For a list that was published unpaged: page_size 0 keeps answering what it answered before paging existed
    /// (<paramref name="unpagedSize"/> entries, everything for <see cref="Everything"/>), so a client written before
    /// page_size gets the same list; next_page_token then says whether more follow. A page_size is paged as everywhere.
    /// </summary>
    public static Paging Compatible(int pageSize, string? pageToken, int unpagedSize) =>
        new(pageSize == 0 ? unpagedSize : SizeOf(pageSize), OffsetOf(pageToken));

    /// <summary>The whole list, for <see cref="Compatible"/>.</summary>
    public const int Everything = int.MaxValue - 1;

    /// <summary>Rows to fetch: one more than the page, to know whether another follows.</summary>
    public int Fetch => Size + 1;

    /// <summary>This page of rows fetched from <see cref="Offset"/> (at most <see cref="Fetch"/>), and the next token.</summary>
    public (IReadOnlyList<T> Items, string NextPageToken) Cut<T>(IReadOnlyList<T> fetched) =>
        (fetched.Take(Size).ToList(), fetched.Count > Size ? TokenFor(Offset + Size) : "");

    /// <summary>This page of a whole list held in memory (a list bounded by its owner, as a resource's bindings).</summary>
    public (IReadOnlyList<T> Items, string NextPageToken) Page<T>(IEnumerable<T> ordered) => Cut(ordered.Skip(Offset).Take(Fetch).ToList());

    private static int SizeOf(int pageSize) => pageSize is < 0 or > MaxPageSize
        ? throw DomainException.Invalid("page_size", $"must be between 0 and {MaxPageSize}.")
        : pageSize == 0 ? DefaultPageSize : pageSize;

    /// <summary>The token of a position in a list.</summary>
    private static string TokenFor(int position) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{position}"));

    private static int OffsetOf(string? token)
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
