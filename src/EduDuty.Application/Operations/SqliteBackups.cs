using EduDuty.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Operations;

public sealed record BackupOutcome(bool Done, string Message);

/// <summary>
/// Backup and restore of the embedded database with SQLite's online backup API: a backup is a consistent copy even while the
/// portal writes (the API copies a snapshot page by page and starts again when a writer interferes); a restore copies a
/// backup into the live database the same way, after checking that it is an EduDuty database no newer than this program, and
/// then ends every session: a session that was signed out, ended by a password change or a disabled account after the backup
/// was taken must not come back with it (everyone signs in again after a restore).
/// PostgreSQL is backed up with pg_dump and restored with pg_restore (docs/operations.md, "Backup and restore").
/// </summary>
public sealed class SqliteBackups(EduDutyDbContext db, DatabaseSettings settings, Security.Sessions sessions, ILogger<SqliteBackups> logger)
{
    public const string PostgresAdvice = "当前数据库是 PostgreSQL：请用 pg_dump 备份、pg_restore 恢复（见 docs/operations.md 的 “Backup and restore” 一节）。";

    public async Task<BackupOutcome> BackupAsync(string file, CancellationToken cancellationToken = default)
    {
        if (settings.Provider != DatabaseProvider.Sqlite) return new BackupOutcome(false, PostgresAdvice);
        var target = Path.GetFullPath(file);
        if (File.Exists(target)) return new BackupOutcome(false, $"文件已存在：{target}。请换一个文件名，以免覆盖已有的备份。");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        await using var source = new SqliteConnection(settings.ConnectionString);
        await source.OpenAsync(cancellationToken);
        await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ConnectionString);
        await destination.OpenAsync(cancellationToken);
        source.BackupDatabase(destination);
        return new BackupOutcome(true, $"已备份到 {target}（{new FileInfo(target).Length / 1024} KB）");
    }

    public async Task<BackupOutcome> RestoreAsync(string file, CancellationToken cancellationToken = default)
    {
        if (settings.Provider != DatabaseProvider.Sqlite) return new BackupOutcome(false, PostgresAdvice);
        var source = Path.GetFullPath(file);
        if (!File.Exists(source)) return new BackupOutcome(false, $"找不到备份文件：{source}");

        await using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        try
        {
            await backup.OpenAsync(cancellationToken);
            if (await MigrationsOfAsync(backup, cancellationToken) is not { Count: > 0 } applied)
                return new BackupOutcome(false, $"{source} 不是 EduDuty 的备份（没有迁移记录）。");
            // A backup of a pre-release build is restored only when this version can take it over (decision 0022).
            switch (PreReleaseDatabases.Classify(applied, settings.Provider))
            {
                case PreReleaseState.Refused:
                    return new BackupOutcome(false, $"没有恢复：{PreReleaseDatabases.RefusalMessage(applied, settings.Provider)}");
                case PreReleaseState.None:
                    var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
                    if (applied.FirstOrDefault(m => !known.Contains(m)) is { } unknown)
                        return new BackupOutcome(false, $"备份来自更新的版本（迁移 {unknown} 本程序不认识），请用相同或更新版本的 EduDuty 恢复。");
                    break;
            }
        }
        catch (SqliteException)
        {
            return new BackupOutcome(false, $"{source} 不是有效的 SQLite 数据库文件。");
        }

        await using var live = new SqliteConnection(settings.ConnectionString);
        await live.OpenAsync(cancellationToken);
        backup.BackupDatabase(live);
        SqliteConnection.ClearAllPools();
        // A backup from an older version is brought up to date as at every start.
        await PreReleaseDatabases.EnsureUsableAsync(db, settings.Provider, logger, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        var ended = await sessions.EndEveryoneAsync(cancellationToken);
        logger.LogWarning("Restored {Source}; {Sessions} sessions of the backup ended", source, ended);
        return new BackupOutcome(true, $"已从 {source} 恢复。所有用户的登录已结束，请重新登录。");
    }

    private static async Task<List<string>?> MigrationsOfAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var check = connection.CreateCommand();
        check.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
        if ((long)(await check.ExecuteScalarAsync(cancellationToken))! == 0) return null;
        await using var list = connection.CreateCommand();
        list.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId";
        var migrations = new List<string>();
        await using var reader = await list.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) migrations.Add(reader.GetString(0));
        return migrations;
    }
}
