using EduDuty.Application;
using EduDuty.Application.Security;
using EduDuty.Data;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EduDuty.Application.Tests;

/// <summary>
/// The Application layer with its real database of one provider (a copy of the migrated template) and a fake clock,
/// without the web host: what the portal and the command line register, nothing else.
/// </summary>
public abstract class ApplicationHost : IAsyncLifetime
{
    /// <summary>10:00 on 1 November 2021 in China, while counties fill in their 2021 evaluations (<see cref="TestClock.Start"/>).</summary>
    public static readonly DateTimeOffset Start = TestClock.Start;

    public FakeTimeProvider Clock { get; } = TestClock.New();

    public ServiceProvider Services { get; private set; } = null!;

    /// <summary>Counts the SQL statements the host's contexts run (for the statement budgets of list pages).</summary>
    public CommandCounter Commands { get; } = new();

    /// <summary>Makes a save fail as a database would (a constraint), when a test arms it; off otherwise.</summary>
    public SaveFaults Faults { get; } = new();

    protected abstract DatabaseProvider Provider { get; }

    protected abstract Task<string> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(TemplateDatabases.Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
        {
            ["Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:EduDuty"] = await CreateDatabaseAsync(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFilter(_ => false));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddEduDutyApplication(configuration, Path.GetTempPath());
        services.ConfigureDbContext<EduDutyDbContext>(o => o.AddInterceptors(Commands, Faults));
        services.AddEduDutyIdentity(configuration);
        Services = services.BuildServiceProvider();
    }

    public virtual async Task DisposeAsync() => await Services.DisposeAsync();

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }
}

/// <summary>
/// Fails the next save whose staged changes match <see cref="FailWhen"/> with the <see cref="DbUpdateException"/> a refused
/// constraint raises, once; the database is not reached for it.
/// </summary>
public sealed class SaveFaults : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
{
    public Func<Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker, bool>? FailWhen { get; set; }

    public int Failed { get; private set; }

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
        Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (FailWhen is { } when && eventData.Context is { } context && when(context.ChangeTracker))
        {
            FailWhen = null;
            Failed++;
            throw new DbUpdateException("Simulated: the database refused the save.", new InvalidOperationException("simulated constraint violation"));
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}

/// <summary>Counts every SQL statement executed, from when it is reset.</summary>
public sealed class CommandCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
{
    private int _count;

    public int Count => _count;

    private int _nonQueries;

    /// <summary>Every statement, the UPDATEs and DELETEs that return no rows (ExecuteUpdate, a save's batch without RETURNING) too.</summary>
    public int Statements => _count + _nonQueries;

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _nonQueries, 0);
    }

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> NonQueryExecutingAsync(
        System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
        Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _nonQueries);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
        System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
        Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<object>> ScalarExecutingAsync(
        System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
        Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public sealed class SqliteApplicationHost : ApplicationHost
{
    private string _path = string.Empty;

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override async Task<string> CreateDatabaseAsync() => $"Data Source={_path = await TemplateDatabases.NewSqliteAsync()}";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(file);
    }
}

public sealed class PostgresApplicationHost : ApplicationHost
{
    private PostgresTestDatabase? _database;

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string> CreateDatabaseAsync() => (_database = await TemplateDatabases.NewPostgresAsync()).ConnectionString;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
