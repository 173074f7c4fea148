using System.Text.Json.Nodes;
using MassTransit;
using MassTransit.Serialization;
using Partnership.AsyncApi;
using Partnership.Contracts.IntegrationEvents;
using Partnership.Messaging;

namespace Partnership.Contracts.UnitTests;

/// <summary>
/// contracts/asyncapi.yaml is what the records and the exchange owners make today: a record, a property or an exchange
/// added without regenerating it fails here.
/// </summary>
public sealed class AsyncApiCatalogueTests
{
    private const string Regenerate = "dotnet run --project tools/Partnership.AsyncApi -- contracts/asyncapi.yaml";
    private static readonly JsonObject Document = AsyncApiCatalogue.Document();

    [Fact]
    public void The_committed_catalogue_is_the_one_the_records_make()
    {
        var committed = File.ReadAllText(Repository.File("contracts/asyncapi.yaml"));
        var generated = AsyncApiCatalogue.Yaml();
        var line = committed.Split('\n').Zip(generated.Split('\n')).Select((pair, i) => (pair, i)).FirstOrDefault(x => x.pair.First != x.pair.Second);
        Assert.True(committed == generated,
            $"contracts/asyncapi.yaml differs from what the records make (line {line.i + 1}: \"{line.pair.First}\" / \"{line.pair.Second}\"). Run `{Regenerate}`.");
    }

    [Fact]
    public void A_YAML_parser_reads_the_committed_file_as_the_document()
    {
        var read = YamlTree.Read(File.ReadAllText(Repository.File("contracts/asyncapi.yaml")));
        Assert.True(JsonNode.DeepEquals(Document, read), "the YAML does not read back as the document it was written from");
        Assert.Equal("3.0.0", read!["asyncapi"]!.GetValue<string>());
    }

    [Fact]
    public void Every_exchange_the_system_declares_is_a_fanout_durable_channel_with_its_publisher()
    {
        var channels = Document["channels"]!.AsObject();
        Assert.Equal(IntegrationEventPublishers.OwnerOfExchange.Keys.Order(), channels.Select(c => c.Value!["address"]!.GetValue<string>()).Order());
        foreach (var (id, channel) in channels)
        {
            var exchange = channel!["bindings"]!["amqp"]!["exchange"]!;
            Assert.Equal((channel["address"]!.GetValue<string>(), "fanout", true),
                (exchange["name"]!.GetValue<string>(), exchange["type"]!.GetValue<string>(), exchange["durable"]!.GetValue<bool>()));
            var operation = Document["operations"]!.AsObject().Single(o => o.Value!["channel"]!["$ref"]!.GetValue<string>() == $"#/channels/{id}").Value!;
            Assert.Equal("send", operation["action"]!.GetValue<string>());
            Assert.Equal(IntegrationEventPublishers.OwnerOfExchange[channel["address"]!.GetValue<string>()],
                operation["bindings"]!["amqp"]!["userId"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Every_record_is_a_message_whose_envelope_names_its_type()
    {
        var records = typeof(CustomerCreatedIntegrationEvent).Assembly.GetTypes().Where(t => IntegrationEventPublishers.ExchangeOf(t) is not null).ToList();
        Assert.NotEmpty(records);
        var messages = Document["components"]!["messages"]!.AsObject();
        Assert.Equal(records.Select(EventCatalogue.MessageName).Order(), messages.Select(m => m.Key).Order());
        foreach (var record in records)
            Assert.Equal(MessageUrn.ForTypeString(record),
                messages[EventCatalogue.MessageName(record)]!["bindings"]!["amqp"]!["messageType"]!.GetValue<string>());
    }

    /// <summary>
    /// The .NET names end in IntegrationEvent; the messageType MassTransit subscribers match on stays the one published
    /// before that suffix, the record's name without it (pinned by [MessageUrn]).
    /// </summary>
    [Fact]
    public void Every_record_keeps_the_messageType_it_was_published_with_before_its_name_took_the_IntegrationEvent_suffix()
    {
        var records = typeof(CustomerCreatedIntegrationEvent).Assembly.GetTypes().Where(t => IntegrationEventPublishers.ExchangeOf(t) is not null).ToList();
        Assert.Equal(30, records.Count);
        foreach (var record in records)
        {
            Assert.EndsWith("IntegrationEvent", record.Name);
            Assert.Equal($"urn:message:Partnership.Contracts.IntegrationEvents:{record.Name[..^"IntegrationEvent".Length]}",
                MessageUrn.ForTypeString(record));
        }
        Assert.Equal("urn:message:Partnership.Contracts.IntegrationEvents:ChargeRecordedV2",
            MessageUrn.ForTypeString<ChargeRecordedV2IntegrationEvent>());
    }

    [Fact]
    public void The_envelope_schema_has_the_fields_MassTransit_writes()
    {
        var written = SystemTextJsonMessageSerializer.Options.GetTypeInfo(typeof(JsonMessageEnvelope)).Properties.Select(p => p.Name);
        var documented = Document["components"]!["schemas"]!["MassTransitEnvelope"]!["properties"]!.AsObject().Select(p => p.Key);
        Assert.Equal(written.Order(), documented.Order());
    }

    [Fact]
    public void Only_the_newest_version_of_an_event_is_current_and_an_older_one_names_it()
    {
        var channels = Document["channels"]!.AsObject().Select(c => c.Value!).ToList();
        var chargeV1 = channels.Single(c => c["address"]!.GetValue<string>() == "partnership.charge-recorded.v1");
        var chargeV2 = channels.Single(c => c["address"]!.GetValue<string>() == "partnership.charge-recorded.v2");
        Assert.False(chargeV1["x-current"]!.GetValue<bool>());
        Assert.Equal("partnership.charge-recorded.v2", chargeV1["x-superseded-by"]!.GetValue<string>());
        Assert.Contains("deprecated", chargeV1["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.True(chargeV2["x-current"]!.GetValue<bool>());
        foreach (var family in channels.GroupBy(c => c["address"]!.GetValue<string>()[..c["address"]!.GetValue<string>().LastIndexOf('.')]))
            Assert.Single(family, c => c["x-current"]!.GetValue<bool>());
    }
}
