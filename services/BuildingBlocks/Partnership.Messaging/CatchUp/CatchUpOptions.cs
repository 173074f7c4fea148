namespace Partnership.Messaging.CatchUp;

/// <summary>Events: who may catch up on the service's integration events, and how the stream reads.</summary>
public sealed class CatchUpOptions
{
    public const string Section = "Events";

    /// <summary>
    /// The subscriber clients (the <c>sub</c> of their tokens) that may call Subscribe besides operators. Per service: a
    /// client named in Customer's list reads Customer's events and no other service's.
    /// </summary>
    public List<string> Subscribers { get; set; } = [];

    /// <summary>Events read from the store per page (bounded to 1..1000).</summary>
    public int PageSize { get; set; } = 256;

    /// <summary>
    /// How often a caught-up stream reads again without being woken: commits on another replica wake nobody here.
    /// </summary>
    public TimeSpan ReadEvery { get; set; } = TimeSpan.FromSeconds(1);
}
