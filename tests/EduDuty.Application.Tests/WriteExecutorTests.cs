using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Tests;

/// <summary>
/// The one write executor on each database: a done write is stored whole; a refused one leaves nothing, not even what it
/// flushed mid-way; a write the database refuses (here the unique key of a notification, a real constraint of the model)
/// answers the catalogue's save-failed message, stores nothing and is logged with the database's own cause.
/// </summary>
public abstract class WriteExecutorTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    [Fact]
    public async Task A_done_write_is_stored_with_everything_it_staged()
    {
        var key = Key();

        var outcome = await ExecuteAsync(new ListLogger(), async (scope, ct) =>
        {
            var user = await FirstUserAsync(scope.Db);
            scope.Db.Notifications.Add(Notification(user, key + ":1"));
            await scope.FlushAsync(ct);
            scope.Db.Notifications.Add(Notification(user, key + ":2"));
            return Outcome.Done(2);
        });

        Assert.True(outcome.IsDone);
        Assert.Equal(2, await CountAsync(key));
    }

    [Fact]
    public async Task A_refused_write_leaves_nothing_not_even_what_it_flushed()
    {
        var key = Key();

        var outcome = await ExecuteAsync<Unit>(new ListLogger(), async (scope, ct) =>
        {
            scope.Db.Notifications.Add(Notification(await FirstUserAsync(scope.Db), key));
            await scope.FlushAsync(ct);
            return Outcome.Refused(Messages.ApprovedLock);
        });

        Assert.Equal(OutcomeKind.Refused, outcome.Kind);
        Assert.Equal("approved-lock", outcome.Reason!.Code);
        Assert.Equal(0, await CountAsync(key));
    }

    [Fact]
    public async Task A_write_the_database_refuses_is_answered_save_failed_logged_with_its_cause_and_stores_nothing()
    {
        var key = Key();
        var log = new ListLogger();

        var outcome = await ExecuteAsync(log, async (scope, ct) =>
        {
            var user = await FirstUserAsync(scope.Db);
            scope.Db.Notifications.Add(Notification(user, key + ":first"));
            await scope.FlushAsync(ct);
            scope.Db.Notifications.Add(Notification(user, key));
            scope.Db.Notifications.Add(Notification(user, key)); // the same user and key twice: the unique index refuses it
            return Outcome.Done();
        });

        Assert.Equal(OutcomeKind.Refused, outcome.Kind);
        Assert.Equal("save-failed", outcome.Reason!.Code);
        Assert.Equal(0, await CountAsync(key));
        var entry = Assert.Single(log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("Cause:", entry.Text, StringComparison.Ordinal);
        Assert.Contains("UNIQUE", entry.Text.ToUpperInvariant(), StringComparison.Ordinal); // the database's words, not ours
    }

    [Fact]
    public async Task A_discarded_done_write_answers_done_and_stores_nothing()
    {
        var key = Key();

        var outcome = await ExecuteAsync(new ListLogger(), async (scope, _) =>
        {
            scope.Db.Notifications.Add(Notification(await FirstUserAsync(scope.Db), key));
            scope.Discard();
            return Outcome.Done(0);
        });

        Assert.True(outcome.IsDone);
        Assert.Equal(0, await CountAsync(key));
    }

    private Task<Outcome<T>> ExecuteAsync<T>(ListLogger log, Func<WriteScope, CancellationToken, Task<Outcome<T>>> write) =>
        host.WithScopeAsync(s => new WriteExecutor(s.GetRequiredService<EduDutyDbContext>(), log).ExecuteAsync("test write", write, default));

    private Task<int> CountAsync(string key) =>
        host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Notifications.CountAsync(n => n.Key.StartsWith(key)));

    private static Task<string> FirstUserAsync(EduDutyDbContext db) => db.Users.OrderBy(u => u.UserName).Select(u => u.Id).FirstAsync();

    private static string Key() => "executor-test:" + Guid.NewGuid().ToString("N");

    private static Notification Notification(string userId, string key) =>
        new() { UserId = userId, Kind = NotificationKind.Deadline, Text = "测试", Url = "/", Key = key, CreatedAtUtc = ApplicationHost.Start.UtcDateTime };

    private sealed class ListLogger : ILogger<WriteExecutor>
    {
        public List<(LogLevel Level, string Text)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}

public sealed class SqliteWriteExecutorTests(SqliteApplicationHost host) : WriteExecutorTests<SqliteApplicationHost>(host);

public sealed class PostgresWriteExecutorTests(PostgresApplicationHost host) : WriteExecutorTests<PostgresApplicationHost>(host);
