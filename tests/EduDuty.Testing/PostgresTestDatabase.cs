using Npgsql;

namespace EduDuty.Testing;

/// <summary>
/// A fresh PostgreSQL database for one test class, dropped at the end. The server comes from EDUDUTY_TEST_PG
/// (scripts/test.sh starts one). A missing server is a failure with instructions, never a silent skip.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string Variable = "EDUDUTY_TEST_PG";

    private PostgresTestDatabase(string connectionString, string name)
    {
        ConnectionString = connectionString;
        Name = name;
    }

    public string ConnectionString { get; }

    public string Name { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL tests need the environment variable {Variable} (a connection string to a server whose role may CREATE DATABASE). " +
                "Run the whole suite with scripts/test.sh, which starts a throwaway server, or start one with scripts/pg-up.sh and export its output.");

    /// <summary>Names the database without creating it: the portal's migrations create it on start.</summary>
    public static PostgresTestDatabase Reserve()
    {
        var name = $"eduduty_t_{Guid.NewGuid():N}";
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name };
        return new PostgresTestDatabase(builder.ConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
