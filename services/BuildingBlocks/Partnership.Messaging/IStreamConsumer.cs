using MassTransit;

namespace Partnership.Messaging;

/// <summary>
/// A consumer that changes one stream of this service's store, named by the message. Messages for one stream are
/// consumed one at a time across every consumer of the service (see <see cref="StreamLanes"/>), so two consumers of
/// one stream never race: a lost race would be a version conflict, a retry and a hole in the store's sequence that
/// holds back every subscription. Register it with <see cref="StreamConsumerExtensions.AddStreamConsumer{TConsumer, TMessage}"/>.
/// </summary>
public interface IStreamConsumer<TMessage> : IConsumer<TMessage> where TMessage : class
{
    /// <summary>The stream the message changes: the lane it waits in.</summary>
    static abstract string StreamOf(TMessage message);
}
