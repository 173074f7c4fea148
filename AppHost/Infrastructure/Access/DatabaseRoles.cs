using Npgsql;

namespace Partnership.AppHost.Infrastructure.Access;

/// <summary>
/// Gives each service a PostgreSQL login role that owns its schema and nothing else: not a superuser, no
/// CREATE on the database, no rights in another service's schema. Marten, connected as that role, creates
/// and updates its tables and functions inside the schema it owns. Roles are cluster-wide; the schema and
/// its grants belong to the database in the admin connection string. Idempotent, and safe when several
/// AppHosts (parallel test runs) provision the same roles in their own databases at once.
/// </summary>
internal static class DatabaseRoles
{
    public static async Task Provision(string adminConnectionString, string role, string password, CancellationToken ct)
    {
        await EnsureRole(adminConnectionString, role, password, ct);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(ct);
        var r = Quote(role);
        // A store created before the services had their own roles belongs to the superuser: hand its
        // schema and every object in it to the service's role.
        await Execute(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {r} AUTHORIZATION {r};
            ALTER SCHEMA {r} OWNER TO {r};
            REVOKE ALL ON SCHEMA {r} FROM PUBLIC;
            DO $$
            DECLARE o record;
            BEGIN
              FOR o IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = {Literal(role)} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                         AND pg_get_userbyid(c.relowner) <> {Literal(role)}
                         AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
              LOOP
                EXECUTE format('ALTER %s %I.%I OWNER TO %I',
                  CASE o.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                 WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                  {Literal(role)}, o.relname, {Literal(role)});
              END LOOP;
              FOR o IN SELECT p.oid::regprocedure AS signature, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                       WHERE n.nspname = {Literal(role)} AND pg_get_userbyid(p.proowner) <> {Literal(role)}
              LOOP
                EXECUTE format('ALTER %s %s OWNER TO %I', CASE o.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
                  o.signature, {Literal(role)});
              END LOOP;
              FOR o IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                       WHERE n.nspname = {Literal(role)} AND t.typtype IN ('c', 'e', 'd') AND t.typrelid = 0
                         AND pg_get_userbyid(t.typowner) <> {Literal(role)}
              LOOP
                EXECUTE format('ALTER TYPE %I.%I OWNER TO %I', {Literal(role)}, o.typname, {Literal(role)});
              END LOOP;
            END $$;
            """, ct);
    }

    /// <summary>
    /// CREATE ROLE, or ALTER ROLE to set the password. When the role can already log in with the password
    /// nothing is changed: concurrent ALTERs of one role fail with "tuple concurrently updated".
    /// </summary>
    private static async Task EnsureRole(string adminConnectionString, string role, string password, CancellationToken ct)
    {
        if (await CanLogIn(adminConnectionString, role, password, ct)) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(adminConnectionString);
                await connection.OpenAsync(ct);
                var exists = await new NpgsqlCommand($"SELECT 1 FROM pg_roles WHERE rolname = {Literal(role)}", connection).ExecuteScalarAsync(ct) is not null;
                await Execute(connection, $"{(exists ? "ALTER" : "CREATE")} ROLE {Quote(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE " +
                    $"NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD {Literal(password)}", ct);
                return;
            }
            catch (PostgresException e) when (attempt < 5 && e.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation
                                                  or PostgresErrorCodes.InternalError)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
            }
        }
    }

    public static async Task<bool> CanLogIn(string adminConnectionString, string role, string password, CancellationToken ct)
    {
        var login = new NpgsqlConnectionStringBuilder(adminConnectionString) { Username = role, Password = password, Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(login.ConnectionString);
            await connection.OpenAsync(ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            return false;
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";
}
