using EduDuty.Application.Security;
using EduDuty.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace EduDuty.Cli.Tests;

/// <summary>
/// The operator's commands on a real embedded database: a backup and restore drill (the restored database is the backed-up
/// one, change for change, and its audit still verifies), refusals that change nothing, and <c>audit verify</c> finding an
/// entry edited behind the portal's back.
/// </summary>
public sealed class OperationsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eduduty-ops-").FullName;

    private string Live => Path.Combine(_dir, "portal.db");

    private IConfiguration Database => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:EduDuty"] = $"Data Source={Live};Pooling=False" })
        .Build();

    [Fact]
    public async Task Backup_then_change_then_restore_gives_back_the_backed_up_database_with_its_audit_intact()
    {
        await ImportAsync("first.admin", "第一位管理员");
        var backup = Path.Combine(_dir, "backups", "2021-11-01.db");

        var (backedUp, backupOut, _) = await Run("backup", "--out", backup);
        Assert.Equal(0, backedUp);
        Assert.Contains("已备份到", backupOut);
        var atBackup = await SnapshotAsync(Live);

        await ImportAsync("second.admin", "第二位管理员");
        Assert.NotEqual(atBackup, await SnapshotAsync(Live));

        var (restored, restoreOut, restoreErr) = await Run("restore", backup);
        Assert.True(restored == 0, restoreErr);
        Assert.Contains("已从", restoreOut);
        Assert.Equal(atBackup, await SnapshotAsync(Live));
        Assert.DoesNotContain("second.admin", atBackup.Users);

        var (verified, verifyOut, verifyErr) = await Run("audit", "verify");
        Assert.True(verified == 0, verifyErr);
        Assert.Contains("管理记录：完整，1 条记录的哈希链全部吻合", verifyOut);
    }

    [Fact]
    public async Task A_session_ended_after_the_backup_does_not_come_back_with_the_restore_and_sessions_end_ends_every_one()
    {
        await ImportAsync("first.admin", "第一位管理员");
        await ExecuteAsync(Live, """
            INSERT INTO "UserSessions" ("Id", "UserId", "Ticket", "CreatedAtUtc", "SecurityStamp")
            SELECT 'signed-out-later', "Id", x'01', '2021-11-01 02:00:00', "SecurityStamp" FROM "AspNetUsers" WHERE "UserName" = 'first.admin'
            """);
        var backup = Path.Combine(_dir, "backups", "with-a-session.db");
        Assert.Equal(0, (await Run("backup", "--out", backup)).Code);
        await ExecuteAsync(Live, """DELETE FROM "UserSessions" WHERE "Id" = 'signed-out-later'""");

        var (restored, restoreOut, restoreErr) = await Run("restore", backup);

        Assert.True(restored == 0, restoreErr);
        Assert.Contains("所有用户的登录已结束", restoreOut);
        Assert.Equal("0", await QueryAsync(Live, """SELECT count(*) FROM "UserSessions" """));

        await ExecuteAsync(Live, """
            INSERT INTO "UserSessions" ("Id", "UserId", "Ticket", "CreatedAtUtc", "SecurityStamp")
            SELECT 'after-pg-restore', "Id", x'01', '2021-11-01 02:00:00', "SecurityStamp" FROM "AspNetUsers" WHERE "UserName" = 'first.admin'
            """);
        var (ended, endOut, endErr) = await Run("sessions", "end");
        Assert.True(ended == 0, endErr);
        Assert.Contains("已结束 1 个登录会话", endOut);
        Assert.Equal("0", await QueryAsync(Live, """SELECT count(*) FROM "UserSessions" """));
    }

    [Fact]
    public async Task A_session_a_running_portal_holds_in_its_cache_ends_there_at_once_when_sessions_end_runs_on_the_command_line()
    {
        await ImportAsync("first.admin", "第一位管理员");
        // The portal: its own services and so its own per-instance cache (decision 0046), as another process would have.
        await using var portal = CliRunner.Services(Database);
        string key;
        await using (var scope = portal.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<EduDutyDbContext>().Users.SingleAsync(u => u.UserName == "first.admin");
            var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
            key = await sessions.StartAsync(user.Id, user.SecurityStamp!, [1, 2, 3], null);
            Assert.NotNull(await sessions.FindAsync(key)); // read once: the portal keeps it
        }

        var (ended, _, endErr) = await Run("sessions", "end");

        Assert.True(ended == 0, endErr);
        await using (var scope = portal.CreateAsyncScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<Sessions>().FindAsync(key));
    }

    [Fact]
    public async Task Backup_never_overwrites_and_restore_refuses_what_is_not_an_eduduty_backup_changing_nothing()
    {
        await ImportAsync("first.admin", "第一位管理员");
        var before = await SnapshotAsync(Live);
        var existing = Path.Combine(_dir, "existing.db");
        await File.WriteAllTextAsync(existing, "keep me");
        var notADatabase = Path.Combine(_dir, "notes.db");
        await File.WriteAllTextAsync(notADatabase, "这不是数据库");
        var foreign = Path.Combine(_dir, "foreign.db");
        await using (var other = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            await other.OpenAsync();
            await using var create = other.CreateCommand();
            create.CommandText = "CREATE TABLE t (x INTEGER)";
            await create.ExecuteNonQueryAsync();
        }

        var overwrite = await Run("backup", "--out", existing);
        var garbage = await Run("restore", notADatabase);
        var stranger = await Run("restore", foreign);
        var missing = await Run("restore", Path.Combine(_dir, "nowhere.db"));

        Assert.Equal(1, overwrite.Code);
        Assert.StartsWith("文件已存在", overwrite.Stderr);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
        Assert.Equal(1, garbage.Code);
        Assert.Contains("不是有效的 SQLite 数据库文件", garbage.Stderr);
        Assert.Equal(1, stranger.Code);
        Assert.Contains("不是 EduDuty 的备份", stranger.Stderr);
        Assert.Equal(1, missing.Code);
        Assert.Contains("找不到备份文件", missing.Stderr);
        Assert.Equal(before, await SnapshotAsync(Live));
    }

    [Fact]
    public async Task Audit_verify_exits_1_naming_the_entry_edited_in_the_database()
    {
        await ImportAsync("first.admin", "第一位管理员");
        await ImportAsync("second.admin", "第二位管理员");
        await ExecuteAsync(Live, """UPDATE "AdminAuditEntries" SET "After" = '别的内容' WHERE "Target" = 'first.admin'""");

        var (code, stdout, stderr) = await Run("audit", "verify");

        Assert.Equal(1, code);
        Assert.Contains("修改记录：完整", stdout);
        Assert.Contains("管理记录：第一处断裂：第 1 环", stderr);
        Assert.Contains("被改动", stderr);
    }

    [Fact]
    public async Task Audit_anchor_anchors_the_heads_that_moved_and_verify_finds_the_anchor_removed()
    {
        await ImportAsync("first.admin", "第一位管理员");

        var (anchored, anchorOut, anchorErr) = await Run("audit", "anchor");
        var (again, againOut, _) = await Run("audit", "anchor");
        Assert.True(anchored == 0, anchorErr);
        Assert.Contains("已完成第 1 次锚定：1 条链的链头", anchorOut);
        Assert.Equal(0, again);
        Assert.Contains("无需锚定", againOut);
        var (verified, verifyOut, verifyErr) = await Run("audit", "verify");
        Assert.True(verified == 0, verifyErr);
        Assert.Contains("锚定记录：完整，1 条记录的哈希链全部吻合", verifyOut);
        Assert.Contains("注意：未配置签名证书", verifyErr); // no certificate in this configuration: said, not a break

        // The witness line, for keeping outside the database, and verify --expect with it.
        var witness = anchorOut.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("1:", StringComparison.Ordinal));
        Assert.Matches("^1:[0-9a-f]{64}$", witness);
        Assert.Equal(0, (await Run("audit", "verify", "--expect", witness)).Code);
        var (wrong, _, wrongErr) = await Run("audit", "verify", "--expect", "1:" + new string('0', 64));
        Assert.Equal(1, wrong);
        Assert.Contains("与数据库之外保存的", wrongErr);
        var (missing, _, missingErr) = await Run("audit", "verify", "--expect", witness, "--expect", "2:" + new string('0', 64));
        Assert.Equal(1, missing);
        Assert.Contains("数据库之外保存的第 2 次锚定", missingErr);
        var (malformed, _, malformedErr) = await Run("audit", "verify", "--expect", "一:abc");
        Assert.Equal(2, malformed);
        Assert.Contains("--expect “一:abc” 的格式不对", malformedErr);

        await ExecuteAsync(Live, """DELETE FROM "AuditAnchors" """);
        var (code, _, stderr) = await Run("audit", "verify");
        Assert.Equal(1, code);
        Assert.Contains("锚定记录：第一处断裂：锚定记录：链头记录到第 1 环，而记录只到第 0 环", stderr);
        Assert.Contains("请勿再修改数据库", stderr);
    }

    private async Task ImportAsync(string userName, string displayName)
    {
        var csv = Path.Combine(_dir, userName + ".csv");
        await File.WriteAllTextAsync(csv, $"username,display_name,role,region_code\n{userName},{displayName},Admin,140000\n");
        var (code, _, stderr) = await Run("users", "import", csv);
        Assert.True(code == 0, stderr);
    }

    /// <summary>What a restore must bring back: the users, the admin audit with its hashes, and the chain's head.</summary>
    private static async Task<Snapshot> SnapshotAsync(string file) => new(
        await QueryAsync(file, """SELECT group_concat("UserName", ',') FROM (SELECT "UserName" FROM "AspNetUsers" ORDER BY "UserName")"""),
        await QueryAsync(file, """SELECT group_concat("Hash", ',') FROM (SELECT "Hash" FROM "AdminAuditEntries" ORDER BY "Id")"""),
        await QueryAsync(file, """SELECT "LastIndex" || ':' || coalesce("LastHash", '') FROM "AuditChains" WHERE "Name" = 'admin'"""));

    private sealed record Snapshot(string Users, string AuditHashes, string AdminHead);

    private static async Task<string> QueryAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString() ?? string.Empty;
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_database_of_an_early_pre_release_build_is_refused_in_words_with_exit_1_and_left_unchanged()
    {
        // Only EF's history of the first pre-release migration: what a build of the first day would have left.
        var first = EduDuty.Application.PreReleaseDatabases.Of(EduDuty.Data.DatabaseProvider.Sqlite)[0];
        await using (var connection = new SqliteConnection($"Data Source={Live};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE \"__EFMigrationsHistory\" (\"MigrationId\" TEXT PRIMARY KEY, \"ProductVersion\" TEXT NOT NULL);" +
                                  $"INSERT INTO \"__EFMigrationsHistory\" VALUES ('{first}', '10.0.0');";
            await command.ExecuteNonQueryAsync();
        }

        var before = await File.ReadAllBytesAsync(Live);
        var csv = Path.Combine(_dir, "admins.csv");
        await File.WriteAllTextAsync(csv, "username,display_name,role,region_code\nfirst.admin,第一位管理员,Admin,140000\n");
        var (code, stdout, stderr) = await Run("users", "import", csv); // a command that migrates the database it is given

        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.StartsWith("数据库由正式版之前的测试版本创建", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal); // a sentence, not a stack trace
        Assert.Equal(before, await File.ReadAllBytesAsync(Live));
    }

    [Fact]
    public async Task A_malformed_connection_string_is_said_in_words_and_never_echoes_the_part_after_a_semicolon_in_a_password()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:EduDuty"] = "Host=127.0.0.1;Username=eduduty;Password=Sup3r;Secr3tPart=1",
        }).Build();

        var (code, stdout, stderr) = await CliRunner.RunAsync(configuration, "audit", "verify");

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("连接字符串 ConnectionStrings__EduDuty 的格式不正确", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secr3t", stderr, StringComparison.OrdinalIgnoreCase);
    }

    private Task<(int Code, string Stdout, string Stderr)> Run(params string[] args) => CliRunner.RunAsync(Database, args);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
