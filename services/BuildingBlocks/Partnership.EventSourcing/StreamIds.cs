namespace Partnership.EventSourcing;

/// <summary>Stream IDs are "&lt;kind&gt;-&lt;resource ID&gt;"; this turns one back into its resource ID.</summary>
public static class StreamIds
{
    /// <summary>The resource ID of <paramref name="streamId"/>. A stream of another kind is a programming error, not
    /// data to pass on: slicing it anyway would hand a consumer or a view a wrong ID without a word.</summary>
    public static string Strip(string prefix, string streamId) =>
        streamId.StartsWith(prefix, StringComparison.Ordinal) && streamId.Length > prefix.Length
            ? streamId[prefix.Length..]
            : throw new ArgumentException($"'{streamId}' is not a '{prefix}' stream.", nameof(streamId));
}
