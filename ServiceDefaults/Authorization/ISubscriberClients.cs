namespace Partnership.ServiceDefaults.Authorization;

/// <summary>
/// The subscriber clients of this service (<see cref="Caller.OperatorOrSubscriber"/>): accounts a service names in its
/// configuration, not by a claim, since the issuer mints tokens for accounts only. Supplied by whoever serves the
/// events (the messaging building block's catch-up); with none registered, nobody is a subscriber.
/// </summary>
public interface ISubscriberClients
{
    bool Contains(string accountId);
}
