using EduDuty.Data.Entities;
using EduDuty.Data.Seeding;
using EduDuty.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Data.Tests;

/// <summary>An empty database of one provider plus the services the seeders need, without the web host.</summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public ServiceProvider Services { get; private set; } = null!;

    public abstract DatabaseSettings Settings { get; }

    public virtual Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<EduDutyDbContext>(Settings.Apply);
        services.AddIdentityCore<AppUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<EduDutyDbContext>();
        services.AddScoped<ReferenceDataSeeder>();
        Services = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Services.DisposeAsync();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"eduduty-test-{Guid.NewGuid():N}.db");

    public override DatabaseSettings Settings => new(DatabaseProvider.Sqlite, $"Data Source={_path};Pooling=False");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_path);
    }
}

public sealed class PostgresTestDatabaseFixture : TestDatabase
{
    private readonly PostgresTestDatabase _database = PostgresTestDatabase.Reserve();

    public override DatabaseSettings Settings => new(DatabaseProvider.Postgres, _database.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
