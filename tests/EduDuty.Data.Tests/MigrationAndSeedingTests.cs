using EduDuty.Core.Schemes;
using EduDuty.Core.Security;
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

        await DatabaseInitializer.InitializeAsync(database.Services, seedDemoData: true);
        var first = await CountsAsync();

        await DatabaseInitializer.InitializeAsync(database.Services, seedDemoData: true);
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
        Assert.Equal(new Counts(Regions: 9, Schemes: 1, Roles: Roles.All.Count, Users: DemoDataSeeder.Accounts.Count, UserRoles: DemoDataSeeder.Accounts.Count, Evaluations: 6), first);
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
