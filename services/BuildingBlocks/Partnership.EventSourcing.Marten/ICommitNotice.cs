namespace Partnership.EventSourcing.Marten;

/// <summary>
/// Notifications a group commit sends in its own transaction (one NOTIFY per payload on the channel), so PostgreSQL
/// delivers them when the commit succeeds and never for one that failed, with no transaction or round trip of their own.
/// </summary>
public interface ICommitNotice
{
    /// <summary>The channel and payloads for a batch appending to <paramref name="streamIds"/>; null when nothing is to be told.</summary>
    (string Channel, string[] Payloads)? For(IEnumerable<string> streamIds);
}
