using Partnership.Testing;

namespace Partnership.IntegrationTests.Infrastructure;

/// <summary>The test servers (<see cref="TestServers"/>, shared with the end-to-end tests and the benchmark) as an xunit fixture.</summary>
public sealed class TestInfrastructure : TestServers, IAsyncLifetime;

[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<TestInfrastructure>
{
    public const string Name = "infrastructure";
}
