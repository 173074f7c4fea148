namespace Partnership.Contracts.IntegrationEvents;

/// <summary>
/// The message is published with this property's value as its AMQP routing key. Its exchange stays fanout, so every
/// queue bound to it still gets every message; a direct or topic exchange bound to it can take only the keys a subscriber
/// needs, and the broker does not send it the rest. Messages published before the key was introduced carry "".
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RoutingKeyAttribute(string property) : Attribute
{
    /// <summary>The record's property (its .NET name) whose value is the routing key.</summary>
    public string Property { get; } = property;
}
