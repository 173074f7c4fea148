using JasperFx.Events;
using Marten.Events.Projections;

namespace Partnership.EventSourcing.Marten.ReadModels;

/// <summary>
/// A read model of one document per stream, kept by the daemon. The document's ID is the aggregate's ID, the stream key
/// without its prefix (customer "cst..." of stream "customer-cst..."), as the queries and the API know it; Marten's
/// single-stream projection would key it by the whole stream key, so this is a multi-stream projection grouping by stream.
/// </summary>
public abstract class StreamViewProjection<TView> : MultiStreamProjection<TView, string> where TView : class
{
    protected StreamViewProjection(string name, Func<string, string> idOfStream, params Type[] events)
    {
        Name = name;
        Identity<IEvent>(e => idOfStream(e.StreamKey!));
        // Only these types are read, so no stream of another kind reaches idOfStream.
        foreach (var type in events) IncludeType(type);
    }
}
