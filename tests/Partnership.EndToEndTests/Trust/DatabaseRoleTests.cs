using Npgsql;

namespace Partnership.EndToEndTests.Trust;

/// <summary>Each service's PostgreSQL role reads its own schema and nothing of another service's.</summary>
[Collection(SystemCollection.Name)]
public sealed class DatabaseRoleTests(PartnershipSystem system)
{
    [Theory]
    [InlineData("billing", "identity")]
    [InlineData("identity", "customer")]
    [InlineData("customer", "notification")]
    [InlineData("notification", "billing")]
    public async Task A_service_role_reads_its_own_schema_and_is_refused_another_services(string service, string other)
    {
        await using var connection = new NpgsqlConnection(system.PostgresAs(service));
        await connection.OpenAsync();
        await Count(connection, $"{service}.mt_events");
        var refusal = await Assert.ThrowsAsync<PostgresException>(() => Count(connection, $"{other}.mt_events"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusal.SqlState);
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("billing")]
    [InlineData("customer")]
    [InlineData("notification")]
    public async Task A_service_role_is_no_superuser_and_cannot_create_schemas(string service)
    {
        await using var connection = new NpgsqlConnection(system.PostgresAs(service));
        await connection.OpenAsync();
        await using (var superuser = new NpgsqlCommand("SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user", connection))
            Assert.Equal(false, await superuser.ExecuteScalarAsync());
        await using var create = new NpgsqlCommand($"CREATE SCHEMA {service}_extra", connection);
        var refusal = await Assert.ThrowsAsync<PostgresException>(() => create.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusal.SqlState);
    }

    private static async Task<long> Count(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
