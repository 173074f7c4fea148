using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Partnership.EventSourcing.Marten;

public static class StreamChangeFeedExtensions
{
    /// <summary>
    /// Wake-ups for followers of the streams <paramref name="followed"/> accepts, across every replica of the service
    /// (PostgreSQL LISTEN/NOTIFY on a channel named after the store's schema). Call after AddEventStore.
    /// </summary>
    public static IHostApplicationBuilder AddStreamChangeFeed(this IHostApplicationBuilder builder, string schema, Func<string, bool> followed)
    {
        var feed = new StreamChangeFeed(followed);
        builder.Services.AddSingleton(feed);
        builder.Services.AddSingleton<IStreamChangeFeed>(feed);
        builder.Services.AddSingleton<ICommitListener>(feed);
        builder.Services.AddHostedService(sp => new StreamChangeNotifications(feed, sp.GetRequiredService<NpgsqlDataSource>(),
            "partnership_stream_changes_" + schema, sp.GetRequiredService<ILogger<StreamChangeNotifications>>()));
        return builder;
    }
}
