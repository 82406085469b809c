using EduDuty.Testing;
using EduDuty.Core.Schemes;
using EduDuty.Core.Security;
using EduDuty.Data.Entities;
using EduDuty.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Data.Tests;

public abstract class MigrationAndSeedingTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    [Fact]
    public async Task Migrations_apply_from_empty_and_seeding_twice_creates_no_duplicates()
    {
        // One test: the fixture's database starts empty, and the order (migrate, seed, seed again) is the point.
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
            Assert.NotEmpty(db.Database.GetMigrations());
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
        }

        await MigrateAndSeedAsync();
        var first = await CountsAsync();

        await MigrateAndSeedAsync();
        var second = await CountsAsync();

        await using (var scope = database.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.False(db.Database.HasPendingModelChanges(), "the model has changes that no migration covers");

            var county = await db.Regions.Include(r => r.Parent!).ThenInclude(p => p.Parent).SingleAsync(r => r.Code == "140823");
            Assert.Equal("闻喜县", county.Name);
            Assert.Equal("运城市", county.Parent!.Name);
            Assert.Equal("山西省", county.Parent.Parent!.Name);
            Assert.Equal("/140000/140800/140823/", county.Path);

            var scheme = await db.Schemes.SingleAsync(s => s.Code == "SX-2021");
            Assert.Equal(BuiltInSchemes.Get("SX-2021").Fields.Count, SchemeLoader.Load(scheme.Definition).Fields.Count);
        }

        Assert.Equal(first, second);
        Assert.Equal(new Counts(Regions: 9, Schemes: 1, Roles: Roles.All.Count, Users: 0, UserRoles: 0, Evaluations: 0), first);

        await A_stored_older_form_of_a_shipped_version_is_brought_to_the_current_file_and_any_other_text_is_kept();
    }

    // Runs on the migrated database of the test above (one fixture database per class).
    private async Task A_stored_older_form_of_a_shipped_version_is_brought_to_the_current_file_and_any_other_text_is_kept()
    {
        var shipped = BuiltInSchemes.ReadJson("SX-2021");
        // SX-2021 v1 as issue 11 shipped it, before full-width punctuation in its texts (issue 12), kept as a fixture.
        var beforePunctuation = File.ReadAllText(RepositoryPaths.Fixture("sx-2021", "superseded", "SX-2021-v1-issue-11.scheme.json"));
        // Before issue 11: without the help and dataSource attributes, A10.01's definition still in its name.
        var beforeHelp = WithoutHelp(beforePunctuation).Replace("\"zh\": \"学前三年适龄人口\",", "\"zh\": \"学前三年适龄人口 (种子口径: 出生人数)\",", StringComparison.Ordinal);
        // And as first shipped: also without the measure and check attributes of issue 9.
        var older = string.Join('\n', beforeHelp.Split('\n').Where(l => !l.Contains("\"measure\": \"", StringComparison.Ordinal) && !l.Contains("\"check\": true,", StringComparison.Ordinal)));
        Assert.NotEqual(shipped, beforePunctuation);
        Assert.True(BuiltInSchemes.IsSuperseded("SX-2021", 1, SchemeRecord.HashOf(beforePunctuation)));
        Assert.True(BuiltInSchemes.IsSuperseded("SX-2021", 1, SchemeRecord.HashOf(beforeHelp)));
        Assert.True(BuiltInSchemes.IsSuperseded("SX-2021", 1, SchemeRecord.HashOf(older)));

        foreach (var form in new[] { older, beforeHelp, beforePunctuation })
        {
            await SetStoredAsync(form);
            await MigrateAndSeedAsync();
            Assert.Equal(shipped, await StoredAsync());
        }

        var edited = older.Replace("\"precision\": 2", "\"precision\": 3", StringComparison.Ordinal);
        await SetStoredAsync(edited);
        await MigrateAndSeedAsync();
        Assert.Equal(edited, await StoredAsync());
        await SetStoredAsync(shipped);
    }

    /// <summary>The file without its help lines (and without the comma they left on the line before a closing brace).</summary>
    private static string WithoutHelp(string json)
    {
        var lines = json.Split('\n').Where(l => !l.Contains("\"help\": \"", StringComparison.Ordinal) && !l.Contains("\"dataSource\": \"", StringComparison.Ordinal)).ToList();
        for (var i = 0; i < lines.Count - 1; i++)
        {
            if (lines[i].TrimEnd().EndsWith(',') && lines[i + 1].TrimStart().StartsWith('}')) lines[i] = lines[i].TrimEnd()[..^1];
        }

        return string.Join('\n', lines);
    }

    private async Task SetStoredAsync(string definition)
    {
        await using var scope = database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
        await db.Schemes.Where(s => s.Code == "SX-2021").ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Definition, definition).SetProperty(r => r.ContentHash, SchemeRecord.HashOf(definition)));
    }

    private async Task<string> StoredAsync()
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EduDutyDbContext>().Schemes.Where(s => s.Code == "SX-2021").Select(s => s.Definition).SingleAsync();
    }

    private async Task MigrateAndSeedAsync()
    {
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EduDutyDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
    }

    private async Task<Counts> CountsAsync()
    {
        await using var scope = database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
        return new Counts(
            await db.Regions.CountAsync(),
            await db.Schemes.CountAsync(),
            await db.Roles.CountAsync(),
            await db.Users.CountAsync(),
            await db.UserRoles.CountAsync(),
            await db.Evaluations.CountAsync());
    }

    private sealed record Counts(int Regions, int Schemes, int Roles, int Users, int UserRoles, int Evaluations);
}

public sealed class SqliteMigrationAndSeedingTests(SqliteTestDatabase database)
    : MigrationAndSeedingTests<SqliteTestDatabase>(database);

public sealed class PostgresMigrationAndSeedingTests(PostgresTestDatabaseFixture database)
    : MigrationAndSeedingTests<PostgresTestDatabaseFixture>(database);
