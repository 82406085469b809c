using EduDuty.Data;
using EduDuty.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests.Infrastructure;

/// <summary>
/// The whole portal in-process, on a real database of one provider (a copy of the migrated template, see
/// <see cref="TemplateDatabases"/>), started in Development (demo data).
/// </summary>
public abstract class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>闻喜县 starts empty in tests unless a test class wants the demo figures.</summary>
    public virtual bool PrefillDemoFigures => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:EduDuty", ConnectionString);
        // Tests sign in many times from one address; the limiter itself is tested with its own setting.
        builder.UseSetting("Security:LoginAttemptsPerMinute", "10000");
        builder.UseSetting("Security:LoginAttemptsPerAccountPerMinute", "10000");
        builder.UseSetting("Demo:PrefillFigures", PrefillDemoFigures ? "true" : "false");
        // Reminders and e-mail run when a test calls them (NotificationTests), not on a timer behind the tests' backs.
        builder.UseSetting("Notifications:Worker", "false");
        foreach (var (key, value) in TemplateDatabases.Settings) builder.UseSetting(key, value);
        foreach (var (key, value) in ExtraSettings) builder.UseSetting(key, value);
    }

    /// <summary>Makes this class's database from the template before the portal starts.</summary>
    public abstract Task InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Configuration a test class needs beyond the defaults.</summary>
    public virtual IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>();

    /// <summary>The portal's clock: tests read "now" and "today" from it, never from the wall clock.</summary>
    public TimeProvider Clock => Services.GetRequiredService<TimeProvider>();

    public async Task<T> WithDbAsync<T>(Func<EduDutyDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EduDutyDbContext>());
    }

    /// <summary>Makes the database unreachable for the running portal, as a stopped server would be.</summary>
    public abstract Task StopDatabaseAsync();
}

public class SqlitePortalFactory : PortalFactory
{
    private string _path = string.Empty;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override async Task InitializeAsync() => _path = await TemplateDatabases.NewSqliteAsync();

    public override string ConnectionString => $"Data Source={_path}";

    public override Task StopDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        File.WriteAllText(_path, "this is no longer a database");
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_path.Length > 0) foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(file);
    }
}

public class PostgresPortalFactory : PortalFactory
{
    private PostgresTestDatabase? _database;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString => _database!.ConnectionString;

    public override async Task InitializeAsync() => _database = await TemplateDatabases.NewPostgresAsync();

    public override async Task StopDatabaseAsync() => await _database!.DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
