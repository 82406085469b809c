using System.Security.Cryptography;
using System.Text;
using EduDuty.Application;
using EduDuty.Application.Security;
using EduDuty.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EduDuty.Testing;

/// <summary>
/// Migrated, seeded databases for tests, made once per build and copied per test class (or per host, and reset to it between
/// the classes that share the host) instead of migrating an empty database each time: reference data, the demo accounts and
/// the 2021 drafts of the reference counties, as a portal in Development creates them (闻喜县 without figures), at
/// <see cref="TestClock.Start"/>. SQLite: a template file copied; PostgreSQL: <c>CREATE DATABASE … TEMPLATE</c>.
/// Test processes run in parallel, so the template is made under a lock (a lock file; a PostgreSQL advisory lock). Passwords
/// are hashed with <see cref="PasswordHashIterations"/> PBKDF2 iterations: cheap, for tests only.
/// </summary>
public static class TemplateDatabases
{
    public const int PasswordHashIterations = 1;

    /// <summary>
    /// What every test host sets besides the database: cheap password hashing, and a signing folder of the test run's own, so
    /// that a Development certificate a developer's portal made in the source tree is never picked up (its validity starts
    /// at the wall clock, after the tests' fake 2021).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Security:PasswordHashIterations"] = PasswordHashIterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Signing:Directory"] = Path.Combine(Path.GetTempPath(), $"eduduty-test-signing-{Environment.ProcessId}"),
    };

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "eduduty-templates");

    // The template belongs to this build of the migrations and the seeding code: a rebuild makes a new one.
    private static readonly Lazy<string> Key = new(() =>
    {
        var modules = new[]
            {
                typeof(EduDutyDbContext).Assembly, typeof(DatabaseInitializer).Assembly, typeof(Core.Schemes.Scheme).Assembly, typeof(TemplateDatabases).Assembly,
                System.Reflection.Assembly.Load(DatabaseSettings.SqliteMigrationsAssembly), System.Reflection.Assembly.Load(DatabaseSettings.PostgresMigrationsAssembly),
            }
            .Select(a => a.ManifestModule.ModuleVersionId.ToString("N"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(',', modules))))[..16];
    });

    private static readonly SemaphoreSlim SqliteGate = new(1, 1);
    private static readonly SemaphoreSlim PostgresGate = new(1, 1);
    private static string? _sqliteTemplate;
    private static string? _postgresTemplate;

    /// <summary>A new SQLite file copied from the template; the caller deletes it.</summary>
    public static async Task<string> NewSqliteAsync()
    {
        var template = await SqliteTemplateAsync();
        var path = Path.Combine(Path.GetTempPath(), $"eduduty-test-{Guid.NewGuid():N}.db");
        File.Copy(template, path);
        return path;
    }

    /// <summary>
    /// Puts the template back into an SQLite file that a running portal uses, through SQLite's backup API rather than over the
    /// file: a request the previous test class left running (a download, a fetch of the page's script) still holds a
    /// connection, and a file copied and its WAL deleted under that connection gave the next requests "disk I/O error". The
    /// backup is one write transaction, so it waits for that request's and the others see the template whole.
    /// </summary>
    public static async Task ResetSqliteAsync(string path)
    {
        var template = await SqliteTemplateAsync();
        await using var source = new SqliteConnection($"Data Source={template};Mode=ReadOnly;Pooling=False");
        await using var target = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=120");
        await source.OpenAsync();
        await target.OpenAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                source.BackupDatabase(target);
                break;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < 600) // SQLITE_BUSY, SQLITE_LOCKED
            {
                await Task.Delay(100);
            }
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>A new PostgreSQL database made from the template, as a connection string; drop it with <see cref="PostgresTestDatabase"/>.</summary>
    public static async Task<PostgresTestDatabase> NewPostgresAsync()
    {
        var database = PostgresTestDatabase.Reserve();
        await CreateFromTemplateAsync(database.Name);
        return database;
    }

    /// <summary>
    /// Makes <paramref name="database"/> the template again under the same name, so that a running portal's connection string
    /// still holds: its pooled connections are dropped, the database is dropped with whatever connects to it and made anew.
    /// </summary>
    public static async Task ResetPostgresAsync(PostgresTestDatabase database)
    {
        using (var pooled = new NpgsqlConnection(database.ConnectionString)) NpgsqlConnection.ClearPool(pooled);
        await using (var connection = await OpenServerAsync())
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database.Name}\" WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await CreateFromTemplateAsync(database.Name);
    }

    private static async Task CreateFromTemplateAsync(string name)
    {
        var template = await PostgresTemplateAsync();
        await using var connection = await OpenServerAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> SqliteTemplateAsync()
    {
        await SqliteGate.WaitAsync();
        try
        {
            if (_sqliteTemplate is not null) return _sqliteTemplate;
            Directory.CreateDirectory(Folder);
            var path = Path.Combine(Folder, $"sqlite-{Key.Value}.db");
            await using (await CrossProcessLockAsync(path + ".lock"))
            {
                if (!File.Exists(path))
                {
                    var building = path + $".{Environment.ProcessId}.building";
                    await InitializeAsync(DatabaseProvider.Sqlite, $"Data Source={building};Pooling=False");
                    SqliteConnection.ClearAllPools();
                    File.Move(building, path);
                }
            }

            return _sqliteTemplate = path;
        }
        finally
        {
            SqliteGate.Release();
        }
    }

    private static async Task<string> PostgresTemplateAsync()
    {
        await PostgresGate.WaitAsync();
        try
        {
            if (_postgresTemplate is not null) return _postgresTemplate;
            var name = $"eduduty_tpl_{Key.Value}";
            await using var connection = await OpenServerAsync();
            // Every test process of the run may wait here while one of them migrates and seeds, which on a busy machine takes
            // longer than a command's default 30 seconds; the lock goes with the builder's session if it dies.
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(4207161)", connection) { CommandTimeout = 0 }) await lockCommand.ExecuteNonQueryAsync();
            try
            {
                await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
                exists.Parameters.AddWithValue("name", name);
                if ((long)(await exists.ExecuteScalarAsync())! == 0)
                {
                    await DropStaleTemplatesAsync(connection, name);
                    var building = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.ServerConnectionString) { Database = name, Pooling = false };
                    await InitializeAsync(DatabaseProvider.Postgres, building.ConnectionString);
                    NpgsqlConnection.ClearAllPools();
                    // When it was made, by the server's clock, so that a run of another build leaves it alone for a while.
                    await using var stamp = new NpgsqlCommand($"DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', '{name}', now()::text); END $$", connection);
                    await stamp.ExecuteNonQueryAsync();
                }
            }
            finally
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(4207161)", connection);
                await unlock.ExecuteNonQueryAsync();
            }

            return _postgresTemplate = name;
        }
        finally
        {
            PostgresGate.Release();
        }
    }

    // Templates of earlier builds are never used again. One made in the last six hours may be another checkout's, whose tests
    // on a shared server still copy it (dropping it under them failed their classes with "template database does not exist").
    private static async Task DropStaleTemplatesAsync(NpgsqlConnection connection, string current)
    {
        var stale = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT datname FROM pg_database WHERE datname LIKE 'eduduty\\_tpl\\_%' AND datname <> @current " +
            "AND coalesce(substring(shobj_description(oid, 'pg_database') from '^[0-9-]+ [0-9:.+-]+$')::timestamptz, '-infinity') < now() - interval '6 hours'", connection))
        {
            list.Parameters.AddWithValue("current", current);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) stale.Add(reader.GetString(0));
        }

        foreach (var name in stale)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task InitializeAsync(DatabaseProvider provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:EduDuty"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFilter(_ => false));
        services.AddSingleton<TimeProvider>(TestClock.New());
        services.AddEduDutyApplication(configuration, Path.GetTempPath());
        services.AddEduDutyIdentity(configuration);
        await using var provided = services.BuildServiceProvider();
        await DatabaseInitializer.InitializeAsync(provided, seedDemoData: true, prefillDemoFigures: false);
    }

    private static async Task<NpgsqlConnection> OpenServerAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.ServerConnectionString) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<FileStream> CrossProcessLockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 6000) // ten minutes: another test process may be making the template
            {
                await Task.Delay(100);
            }
        }
    }
}
