using EduDuty.Application.Administration;
using EduDuty.Application.Writes;
using EduDuty.Core.Administration;
using EduDuty.Core.Messaging;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Tests;

/// <summary>
/// The administration use cases write through the one executor: a refused write changes nothing and answers the
/// catalogue's message; a database error is answered as a failed save, logged with its cause, and leaves nothing half-saved.
/// </summary>
public abstract class AdminWriteTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    protected abstract string RaceTriggerSql { get; }

    [Fact]
    public async Task A_region_in_use_is_refused_not_now_and_nothing_changes()
    {
        var before = await StateAsync();

        var outcome = await _host.WithScopeAsync(s => s.GetRequiredService<RegionAdministration>().DeleteAsync("140823", Actor.CommandLine));

        Assert.Equal(OutcomeKind.Refused, outcome.Kind);
        Assert.Equal("region-not-deletable", outcome.Reason?.Code);
        Assert.Equal(RefusalKind.NotNow, outcome.Reason?.Kind);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task The_last_active_admin_is_refused_and_stays_active_with_no_audit_entry()
    {
        var before = await StateAsync();
        var adminId = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.UserName == "shanxi.admin").Select(u => u.Id).SingleAsync());

        var outcome = await _host.WithScopeAsync(s => s.GetRequiredService<SetUserActive>().HandleAsync(adminId, false, Actor.CommandLine, CancellationToken.None));

        Assert.Equal(OutcomeKind.Refused, outcome.Kind);
        Assert.Equal(("last-active-admin", Messages.LastActiveAdmin("停用").Text), (outcome.Reason?.Code, outcome.Reason?.Text));
        Assert.True(await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.Id == adminId).Select(u => u.IsActive).SingleAsync()));
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_user_outside_the_admins_region_is_not_found()
    {
        var official = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.UserName == "wenxi.official").Select(u => u.Id).SingleAsync());
        var otherProvince = new Actor("hebei-admin", "河北省管理员", [Core.Security.Roles.Admin], "/130000/");

        var outcome = await _host.WithScopeAsync(s => s.GetRequiredService<UnlockUser>().HandleAsync(official, otherProvince, CancellationToken.None));

        Assert.Equal(OutcomeKind.NotFound, outcome.Kind);
        Assert.Equal(Messages.UserNotFound, outcome.Reason);
    }

    [Fact]
    public async Task A_unique_constraint_met_while_saving_is_a_failed_save_logged_with_its_cause_and_nothing_half_saved()
    {
        // Another admin imports 140830 while this import is being saved (a trigger inserts it just before this insert): the
        // database refuses the second 140830. The import's other region and its audit entry must not be kept.
        await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Database.ExecuteSqlRawAsync(RaceTriggerSql));
        var before = await StateAsync();
        var log = new RecordingLogger();
        var rows = RegionCsv.Read($"{RegionCsv.Header}\n140829,甲县,140800\n140830,乙县,140800\n").Rows;

        var outcome = await _host.WithScopeAsync(s =>
        {
            var executor = new WriteExecutor(s.GetRequiredService<EduDutyDbContext>(), log);
            return ActivatorUtilities.CreateInstance<RegionAdministration>(s, executor).ImportAsync(rows, Actor.CommandLine);
        });

        Assert.Equal(OutcomeKind.Refused, outcome.Kind);
        Assert.Equal(Messages.SaveFailed, outcome.Reason);
        var error = Assert.Single(log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("import 2 regions", error.Text);
        Assert.Contains("Regions", error.Text, StringComparison.Ordinal); // the cause: the unique index on the region's code
        Assert.Contains("Code", error.Text, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
        Assert.False(await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Regions.AnyAsync(r => r.Code == "140829" || r.Code == "140830")));
    }

    private sealed record State(int Regions, int Users, int AdminAuditEntries);

    private Task<State> StateAsync() => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        return new State(await db.Regions.CountAsync(), await db.Users.CountAsync(u => u.IsActive), await db.AdminAuditEntries.CountAsync());
    });

    /// <summary>Keeps what the executor logs: the level, the message, and the exception's innermost cause.</summary>
    private sealed class RecordingLogger : ILogger<WriteExecutor>
    {
        public List<(LogLevel Level, string Text, string Cause)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception?.GetBaseException().Message ?? string.Empty));
    }
}

public sealed class SqliteAdminWriteTests : AdminWriteTests<SqliteApplicationHost>
{
    // Recursive triggers are off in SQLite: the trigger's own insert does not fire it again.
    protected override string RaceTriggerSql => """
        CREATE TRIGGER "race" BEFORE INSERT ON "Regions" WHEN NEW."Code" = '140830'
        BEGIN
            INSERT INTO "Regions" ("Code", "Name", "Level", "ParentId", "Path", "IsActive") VALUES ('140830', '另一位管理员导入的', NEW."Level", NEW."ParentId", NEW."Path", 1);
        END;
        """;
}

public sealed class PostgresAdminWriteTests : AdminWriteTests<PostgresApplicationHost>
{
    protected override string RaceTriggerSql => """
        CREATE FUNCTION "race"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW."Code" = '140830' AND pg_trigger_depth() = 1 THEN
                INSERT INTO "Regions" ("Code", "Name", "Level", "ParentId", "Path", "IsActive") VALUES ('140830', '另一位管理员导入的', NEW."Level", NEW."ParentId", NEW."Path", TRUE);
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER "race" BEFORE INSERT ON "Regions" FOR EACH ROW EXECUTE FUNCTION "race"();
        """;
}
