using EduDuty.Application;
using EduDuty.Application.Operations;
using EduDuty.Application.Security;
using EduDuty.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EduDuty.Data.Tests;

/// <summary>
/// The squash of the pre-release migrations into one baseline (decision 0022): a new database migrates to the baseline; one
/// that the pre-release builds left at their last migration (tests/fixtures/pre-release, made from the old migrations before
/// they were deleted) is taken over and works; any other pre-release history is refused with what to do, and left unchanged.
/// </summary>
public abstract class PreReleaseDatabaseTests : IAsyncLifetime
{
    // Defaults that the old migrations' AddColumn left on columns added to tables with rows; the model declares none, and EF
    // writes every one of these columns on insert. The only difference, besides the order of columns, between a database at
    // the last pre-release migration and one made by the baseline (docs/decisions/0022-baseline-migration.md).
    // AspNetUsers lost its two (IsActive, MustChangePassword) with issue 30: SQLite adds a column with a foreign key
    // (DepartmentId) by rebuilding the table from the model, which declares no defaults.
    private static readonly string[] SqliteLeftoverDefaults =
        ["AreaNarratives.Version", "FigureValues.Version"];

    private static readonly string[] PostgresLeftoverDefaults =
        ["AreaNarratives.Version", "AspNetUsers.IsActive", "AspNetUsers.MustChangePassword", "Deadlines.RegionId", "FigureValues.Version"];

    private readonly List<Func<Task>> _cleanup = [];

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>A connection string to a database that does not exist yet (the portal creates it) or, with <paramref name="script"/>, to one made by that SQL.</summary>
    protected abstract Task<string> NewDatabaseAsync(string? script = null);

    /// <summary>Every table's columns, sorted by table and name: the order of columns in a table is not compared.</summary>
    protected abstract Task<List<Column>> ColumnsAsync(string connectionString);

    /// <summary>Every key, foreign key, index (and sequence), one line each, sorted.</summary>
    protected abstract Task<List<string>> KeysAndIndexesAsync(string connectionString);

    protected abstract Task<List<string>> TablesAsync(string connectionString);

    protected string Fixture => File.ReadAllText(RepositoryPaths.Fixture("pre-release", Provider == DatabaseProvider.Postgres ? "postgres.sql" : "sqlite.sql"));

    protected sealed record Column(string Table, string Name, string Description, string? Default);

    [Fact]
    public async Task A_new_database_migrates_to_the_baseline_alone()
    {
        var connectionString = await NewDatabaseAsync();
        await using var services = Services(connectionString);
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Equal(PreReleaseDatabases.BaselineOf(Provider), migrations[0]);
        Assert.Empty(migrations.Intersect(PreReleaseDatabases.Of(Provider)));
        Assert.Equal(migrations, await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(9, await db.Regions.CountAsync());
    }

    [Fact]
    public async Task A_new_development_database_gets_the_demo_that_the_seed_files_describe()
    {
        // What a new Development database starts with, counted against the seed files (decision 0048: start-up changes keep it).
        var files = Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Application", "Demo", "Files");
        using var wenxiFigures = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(files, "wenxi-2021.figures.json")));
        using var xiaxianFigures = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(files, "xiaxian-2021.figures.json")));
        using var wenxiTexts = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(files, "wenxi-2021.texts.json")));
        static int Filled(System.Text.Json.JsonDocument d) =>
            d.RootElement.GetProperty("figures").EnumerateObject().Count(f => f.Value.ValueKind != System.Text.Json.JsonValueKind.Null);

        var connectionString = await NewDatabaseAsync();
        await using var services = Services(connectionString);
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: true);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
        Assert.Equal(
            ["jincheng.supervisor", "shanxi.admin", "wenxi.caizheng", "wenxi.lead", "wenxi.official", "xiaxian.lead", "xiaxian.official", "yuncheng.supervisor"],
            (await db.Users.Select(u => u.UserName!).ToListAsync()).Order(StringComparer.Ordinal));
        // 2021 opened for the six reference counties (140823 闻喜, 140802, 140821, 140822, 140828 夏县 of 运城; 140525 of 晋城).
        Assert.Equal(["140525", "140802", "140821", "140822", "140823", "140828"],
            (await db.Evaluations.Where(e => e.Year == 2021).Select(e => e.County.Code).ToListAsync()).Order(StringComparer.Ordinal));
        var wenxi = await db.Evaluations.Where(e => e.County.Code == "140823").Select(e => e.Id).SingleAsync();
        var xiaxian = await db.Evaluations.Where(e => e.County.Code == "140828").Select(e => e.Id).SingleAsync();
        Assert.Equal(Filled(wenxiFigures), await db.FigureValues.CountAsync(f => f.EvaluationId == wenxi));
        Assert.Equal(Filled(xiaxianFigures), await db.FigureValues.CountAsync(f => f.EvaluationId == xiaxian));
        Assert.Equal(wenxiTexts.RootElement.GetProperty("areas").EnumerateObject().Count() + 1, // and the basic situation
            await db.AreaNarratives.CountAsync(n => n.EvaluationId == wenxi));
        Assert.Equal(1, await db.EvidenceFiles.CountAsync());
        // Every evaluation summarised under the scheme text it is stored with.
        var stored = await db.Schemes.SingleAsync(s => s.Code == "SX-2021");
        Assert.Equal(6, await db.Summaries.CountAsync(s => s.SchemeHash == stored.ContentHash));
    }

    [Fact]
    public async Task A_database_at_the_last_pre_release_migration_is_taken_over_and_then_works_like_a_new_one()
    {
        var old = await NewDatabaseAsync(Fixture);
        Assert.Equal(PreReleaseDatabases.Of(Provider), await HistoryAsync(old));

        await using (var services = Services(old))
        {
            // Twice: the second start finds a released database and changes nothing more.
            await DatabaseInitializer.InitializeAsync(services, seedDemoData: true);
            await DatabaseInitializer.InitializeAsync(services, seedDemoData: true);

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.False(db.Database.HasPendingModelChanges());
            // The demo data went through the write path: figures with their versions, audit entries on the chain.
            Assert.NotEmpty(await db.Users.ToListAsync());
            Assert.NotEmpty(await db.FigureValues.ToListAsync());
            Assert.True(await db.AuditEntries.AnyAsync(e => e.ChainIndex != null));
        }

        Assert.Equal([PreReleaseDatabases.BaselineOf(Provider)], (await HistoryAsync(old)).Take(1));

        // Its schema is the baseline's: the same tables, columns, keys and indexes, apart from the order of columns and the
        // listed leftover defaults.
        var fresh = await NewDatabaseAsync();
        await using (var services = Services(fresh)) await DatabaseInitializer.InitializeAsync(services, seedDemoData: false);
        Assert.Equal(await TablesAsync(fresh), await TablesAsync(old));
        Assert.Equal(await KeysAndIndexesAsync(fresh), await KeysAndIndexesAsync(old));
        var oldColumns = await ColumnsAsync(old);
        var freshColumns = await ColumnsAsync(fresh);
        Assert.Equal(freshColumns.Select(c => (c.Table, c.Name, c.Description)), oldColumns.Select(c => (c.Table, c.Name, c.Description)));
        var leftovers = oldColumns.Zip(freshColumns).Where(p => p.First.Default != p.Second.Default).Select(p => $"{p.First.Table}.{p.First.Name}").ToList();
        Assert.Equal(Provider == DatabaseProvider.Postgres ? PostgresLeftoverDefaults.Order() : SqliteLeftoverDefaults.Order(), leftovers.Order());
        Assert.All(leftovers, c => Assert.Null(freshColumns.Single(f => $"{f.Table}.{f.Name}" == c).Default));
    }

    [Fact]
    public async Task A_database_at_an_earlier_pre_release_migration_is_refused_with_what_to_do_and_left_unchanged()
    {
        // What matters is the history: the old schema up to Evidence is not needed to be refused.
        var earlier = PreReleaseDatabases.Of(Provider).TakeWhile(id => !id.EndsWith("_Summaries", StringComparison.Ordinal)).ToList();
        Assert.Equal(11, earlier.Count);
        var old = await NewDatabaseAsync(OldHistoryScript(earlier));
        var tablesBefore = await TablesAsync(old);

        await using (var services = Services(old))
        {
            var refusal = await Assert.ThrowsAsync<PreReleaseDatabaseException>(() => DatabaseInitializer.InitializeAsync(services, seedDemoData: true));
            Assert.StartsWith("数据库由正式版之前的测试版本创建", refusal.Message, StringComparison.Ordinal);
            Assert.Contains($"最后应用的迁移为 {earlier[^1]}", refusal.Message, StringComparison.Ordinal);
            Assert.Contains($"其最后的迁移为 {PreReleaseDatabases.Of(Provider)[^1]}", refusal.Message, StringComparison.Ordinal);
            Assert.Contains("本程序没有改动它", refusal.Message, StringComparison.Ordinal);
            Assert.Contains("docs/release-notes.md", refusal.Message, StringComparison.Ordinal);
            Assert.Contains("The database was created by a pre-release build", refusal.Message, StringComparison.Ordinal);
        }

        Assert.Equal(tablesBefore, await TablesAsync(old));
        Assert.Equal(earlier, await HistoryAsync(old));
    }

    [Fact]
    public async Task A_database_with_every_pre_release_migration_and_a_later_one_is_refused_too()
    {
        // Not what a pre-release build leaves: nobody can say what its schema is.
        var old = await NewDatabaseAsync(OldHistoryScript([.. PreReleaseDatabases.Of(Provider), PreReleaseDatabases.BaselineOf(Provider)]));
        await using var services = Services(old);
        await Assert.ThrowsAsync<PreReleaseDatabaseException>(() => DatabaseInitializer.InitializeAsync(services, seedDemoData: false));
        Assert.Equal(20, (await HistoryAsync(old)).Count);
    }

    /// <summary>The history table of EF, with these rows, and nothing else.</summary>
    protected string OldHistoryScript(IEnumerable<string> ids)
    {
        using var services = Services(Provider == DatabaseProvider.Postgres ? "Host=unused" : "Data Source=:memory:");
        using var scope = services.CreateScope();
        var history = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>().GetService<IHistoryRepository>();
        return history.GetCreateScript() + string.Concat(ids.Select(id => history.GetInsertScript(new HistoryRow(id, "10.0.15"))));
    }

    protected async Task<List<string>> HistoryAsync(string connectionString)
    {
        await using var services = Services(connectionString);
        await using var scope = services.CreateAsyncScope();
        return [.. await scope.ServiceProvider.GetRequiredService<EduDutyDbContext>().Database.GetAppliedMigrationsAsync()];
    }

    protected ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(TemplateDatabases.Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
        {
            ["Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:EduDuty"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFilter(_ => false));
        services.AddEduDutyApplication(configuration, Path.GetTempPath());
        services.AddEduDutyIdentity(configuration);
        return services.BuildServiceProvider();
    }

    protected void OnCleanup(Func<Task> action) => _cleanup.Add(action);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var action in _cleanup) await action();
    }
}

public sealed class SqlitePreReleaseDatabaseTests : PreReleaseDatabaseTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override async Task<string> NewDatabaseAsync(string? script = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"eduduty-test-{Guid.NewGuid():N}.db");
        OnCleanup(() =>
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
            return Task.CompletedTask;
        });
        var connectionString = $"Data Source={path};Pooling=False";
        if (script is not null) await ExecuteAsync(connectionString, script);
        return connectionString;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string[]>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync()) rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        return rows;
    }

    protected override async Task<List<string>> TablesAsync(string connectionString) =>
        [.. (await RowsAsync(connectionString, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).Select(r => r[0])];

    protected override async Task<List<Column>> ColumnsAsync(string connectionString)
    {
        var columns = new List<Column>();
        foreach (var table in await TablesAsync(connectionString))
        {
            if (table.StartsWith("sqlite_", StringComparison.Ordinal)) continue;
            foreach (var c in await RowsAsync(connectionString, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')"))
                columns.Add(new Column(table, c[0], $"{c[1]} notnull={c[2]} pk={c[4]}", c[3] == "∅" ? null : c[3]));
        }

        return [.. columns.OrderBy(c => c.Table, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal)];
    }

    protected override async Task<List<string>> KeysAndIndexesAsync(string connectionString)
    {
        var lines = new List<string>();
        foreach (var table in await TablesAsync(connectionString))
        {
            if (table.StartsWith("sqlite_", StringComparison.Ordinal)) continue;
            lines.AddRange((await RowsAsync(connectionString, $"SELECT \"from\", \"table\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('{table}')"))
                .Select(f => $"{table} foreign key {string.Join(' ', f)}"));
            foreach (var index in await RowsAsync(connectionString, $"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{table}')"))
            {
                var columns = (await RowsAsync(connectionString, $"SELECT name FROM pragma_index_info('{index[0]}') ORDER BY seqno")).Select(r => r[0]);
                var sql = (await RowsAsync(connectionString, $"SELECT sql FROM sqlite_master WHERE name = '{index[0]}'")).Single()[0];
                lines.Add($"{table} index {string.Join(' ', index)} ({string.Join(", ", columns)}) {sql}");
            }
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Restore_takes_over_a_backup_at_the_last_pre_release_migration_and_refuses_an_earlier_one_changing_nothing()
    {
        var live = await NewDatabaseAsync();
        await using var services = Services(live);
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false);
        var earlier = new SqliteConnectionStringBuilder(await NewDatabaseAsync(OldHistoryScript(PreReleaseDatabases.Sqlite.Take(3)))).DataSource;
        var last = new SqliteConnectionStringBuilder(await NewDatabaseAsync(Fixture)).DataSource;

        await using (var scope = services.CreateAsyncScope())
        {
            var refused = await scope.ServiceProvider.GetRequiredService<SqliteBackups>().RestoreAsync(earlier);
            Assert.False(refused.Done);
            Assert.StartsWith("没有恢复：数据库由正式版之前的测试版本创建（最后应用的迁移为 20261128121915_ReportSettings）", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal("9", await RegionCountAsync(live));

        await using (var scope = services.CreateAsyncScope())
        {
            var restored = await scope.ServiceProvider.GetRequiredService<SqliteBackups>().RestoreAsync(last);
            Assert.True(restored.Done, restored.Message);
        }

        Assert.Equal([PreReleaseDatabases.SqliteBaseline], (await HistoryAsync(live)).Take(1));
        // The backup's content (the fixture has no regions), not the live database's.
        Assert.Equal("0", await RegionCountAsync(live));
    }

    private static async Task<string> RegionCountAsync(string connectionString) => (await RowsAsync(connectionString, "SELECT count(*) FROM Regions")).Single()[0];
}

public sealed class PostgresPreReleaseDatabaseTests : PreReleaseDatabaseTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string> NewDatabaseAsync(string? script = null)
    {
        var database = PostgresTestDatabase.Reserve();
        OnCleanup(async () => await database.DisposeAsync());
        if (script is null) return database.ConnectionString;

        var admin = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.ServerConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(script, connection);
            await command.ExecuteNonQueryAsync();
        }

        return database.ConnectionString;
    }

    private static async Task<List<string[]>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync()) rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        return rows;
    }

    protected override async Task<List<string>> TablesAsync(string connectionString) =>
        [.. (await RowsAsync(connectionString, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename COLLATE \"C\"")).Select(r => r[0])];

    protected override async Task<List<Column>> ColumnsAsync(string connectionString) =>
    [
        .. (await RowsAsync(connectionString, """
                SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable,
                       is_identity, identity_generation, column_default
                FROM information_schema.columns WHERE table_schema = 'public'
                ORDER BY table_name COLLATE "C", column_name COLLATE "C"
                """))
            .Select(c => new Column(c[0], c[1], string.Join(' ', c[2..9]), c[9] == "∅" ? null : c[9])),
    ];

    protected override async Task<List<string>> KeysAndIndexesAsync(string connectionString) =>
    [
        .. (await RowsAsync(connectionString, """
                SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace
                UNION ALL
                SELECT tablename || ' ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
                UNION ALL
                SELECT sequencename || ' ' || data_type::text || ' ' || start_value || ' ' || increment_by FROM pg_sequences WHERE schemaname = 'public'
                """)).Select(r => r[0]).Order(StringComparer.Ordinal),
    ];
}
