using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EduDuty.Web.Tests.Infrastructure;

/// <summary>
/// The whole portal in-process, on a real database of one provider (a copy of the migrated template, see
/// <see cref="TemplateDatabases"/>), started in Development (demo data), on a fake clock at <see cref="TestClock.Start"/>.
/// One portal serves every test class of a collection (<see cref="SqlitePortal"/>, <see cref="PostgresPortal"/>): the first
/// test of each class finds the database as the template has it and the clock at its start (<see cref="BeginTestAsync"/>).
/// </summary>
public abstract class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime, ICountsHashes
{
    private readonly RestartableClock _clock;
    private Type? _testClass;

    protected PortalFactory() : this(new RestartableClock())
    {
    }

    /// <summary>A portal on another portal's clock (a second instance of one deployment).</summary>
    protected PortalFactory(RestartableClock clock) => _clock = clock;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The SQL statements this portal ran since the last <see cref="StatementLog.Reset"/>.</summary>
    public StatementLog Statements { get; } = new();

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
        // The public pages' limit per address likewise (every test's requests come from one address): PublicRateLimitTests sets its own.
        builder.UseSetting("Public:RateLimit:PagesPerMinute", "1000000");
        builder.UseSetting("Public:RateLimit:VerificationsPerMinute", "1000000");
        builder.UseSetting("Survey:RateLimit:ProblemReportsPerMinute", "1000000");
        // The problem-report contacts' purge runs when a test calls it (ProblemReportPageTests), not on a timer.
        builder.UseSetting("Survey:ContactPurgeMinutes", "0");
        // The API's limit per token likewise: ApiRateLimitTests sets its own.
        builder.UseSetting("Api:RateLimit:PerMinute", "1000000");
        builder.UseSetting("Demo:PrefillFigures", PrefillDemoFigures ? "true" : "false");
        // Reminders and e-mail run when a test calls them (NotificationTests), not on a timer behind the tests' backs.
        builder.UseSetting("Notifications:Worker", "false");
        builder.UseSetting("Survey:FillWorker", "false");
        foreach (var (key, value) in TemplateDatabases.Settings) builder.UseSetting(key, value);
        foreach (var (key, value) in ExtraSettings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(_clock);
            HashCounting.Install(services);
            services.ConfigureDbContext<EduDutyDbContext>(o => o.AddInterceptors(Statements));
        });
    }

    /// <summary>Makes this portal's database from the template before the portal starts.</summary>
    public abstract Task InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Configuration a test class needs beyond the defaults.</summary>
    public virtual IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>();

    /// <summary>
    /// The portal's clock: tests read "now" and "today" from it, never from the wall clock, and advance it to let time pass.
    /// Identity's lockout reads it too (<see cref="Application.Security.EduDutyUserManager"/>).
    /// </summary>
    public FakeTimeProvider Clock => _clock.Current;

    /// <summary>Password hashes computed so far, verifications and new hashes alike (the portal's own hasher, counted).</summary>
    public int Verifications => HashCounting.Verifications(this);

    /// <summary>
    /// Called before every test (<see cref="PortalTests{TFactory}"/>). The tests of a collection run one at a time, class after
    /// class: when the class changes, the database is reset to the template and the clock to <see cref="TestClock.Start"/>,
    /// so no class sees what another left behind.
    /// </summary>
    public async Task BeginTestAsync(Type testClass)
    {
        if (_testClass == testClass) return;
        if (_testClass is not null)
        {
            await ResetDatabaseAsync();
            // What this instance kept of the last class's sessions and unread counts is not in the template (decision 0046).
            Services.GetRequiredService<EduDuty.Application.Caching.InstanceCache>().Apply(EduDuty.Application.Caching.CacheChange.All);
            // The public pages rendered from the last class's data are not this class's (decision 0033's server cache).
            await Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>().EvictByTagAsync(EduDuty.Web.Infrastructure.PublicSurface.CacheTag, default);
        }

        _clock.Restart();
        _testClass = testClass;
    }

    /// <summary>Puts the template back under the running portal (same connection string).</summary>
    protected abstract Task ResetDatabaseAsync();

    /// <summary>The clock this portal runs on, for a second instance of the same deployment.</summary>
    internal RestartableClock SharedClock => _clock;

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

    protected override Task ResetDatabaseAsync() => TemplateDatabases.ResetSqliteAsync(_path);

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
        if (_path.Length > 0) foreach (var file in new[] { _path, _path + "-wal", _path + "-shm", _path + ".cache-signal" }) File.Delete(file);
    }
}

public class PostgresPortalFactory : PortalFactory
{
    private PostgresTestDatabase? _database;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString => _database!.ConnectionString;

    public override async Task InitializeAsync() => _database = await TemplateDatabases.NewPostgresAsync();

    protected override Task ResetDatabaseAsync() => TemplateDatabases.ResetPostgresAsync(_database!);

    public override async Task StopDatabaseAsync() => await _database!.DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

/// <summary>Something that counts the password-hash verifications its portal made.</summary>
public interface ICountsHashes
{
    int Verifications { get; }
}

/// <summary>
/// Counts password hashes over the portal's own hasher (same options, so cheap in tests): verifications and new hashes alike,
/// since either costs the same time (a hash made on the spot for a dummy comparison costs as much as the comparison).
/// </summary>
public sealed class CountingHasher(IPasswordHasher<AppUser> inner) : IPasswordHasher<AppUser>
{
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(AppUser user, string password)
    {
        Interlocked.Increment(ref _verifications);
        return inner.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

internal static class HashCounting
{
    /// <summary>Replaces the portal's hasher with a counting one (a singleton, so the count spans requests).</summary>
    public static void Install(IServiceCollection services) =>
        services.AddSingleton<IPasswordHasher<AppUser>>(sp =>
            new CountingHasher(new PasswordHasher<AppUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>())));

    public static int Verifications(PortalFactory factory) =>
        ((CountingHasher)factory.Services.GetRequiredService<IPasswordHasher<AppUser>>()).Verifications;
}
