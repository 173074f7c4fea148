using Npgsql;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// The event store's connection pool, owned by the service container: Marten does not dispose a data source it
/// was given, and a host stopped and rebuilt (as tests do) must not leave its connections open.
/// </summary>
internal sealed class EventStoreDataSource(string connectionString) : IAsyncDisposable, IDisposable
{
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(connectionString);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
