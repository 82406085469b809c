using System.Reflection;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application;

/// <summary>What a database's migration history says about the builds that made it.</summary>
public enum PreReleaseState
{
    /// <summary>No migration of the pre-release builds: empty, or made by a release. Migrated as usual.</summary>
    None,

    /// <summary>Every pre-release migration and nothing else: its schema is the baseline's, so only its history is rewritten.</summary>
    AtLastPreRelease,

    /// <summary>Some pre-release migrations (not all), or pre-release ones mixed with others: refused, left unchanged.</summary>
    Refused,
}

/// <summary>A database of a pre-release build that this version will not touch; the message says what to do.</summary>
public sealed class PreReleaseDatabaseException(string message) : InvalidOperationException(message);

/// <summary>
/// Databases made by the builds before the first release. Their 19 migrations per provider were squashed into one baseline
/// (docs/decisions/0022-baseline-migration.md); their ids are kept here as data, so this check needs none of the old classes.
/// A database at the last pre-release migration has the baseline's schema (the same tables, columns, keys and indexes; the
/// order of columns and four or five defaults that no code relies on differ, decision 0022), so its history is rewritten to the
/// baseline in one transaction and it is migrated on as usual. Any other pre-release history is refused before anything is
/// written, with a message that says what to do.
/// </summary>
public static class PreReleaseDatabases
{
    /// <summary>The pre-release migrations of the SQLite set, oldest first.</summary>
    public static IReadOnlyList<string> Sqlite { get; } =
    [
        "20261128113252_InitialCreate", "20261128115110_FigureEditing", "20261128121915_ReportSettings",
        "20261128123129_ReviewWorkflow", "20261128123659_Deadlines", "20261128130210_UserAdministration",
        "20261128131648_SchemeActivation", "20261128132931_UnboundedTexts", "20261129065659_Hardening",
        "20261129090257_Notifications", "20261129131953_Evidence", "20261129164111_Summaries",
        "20261129182515_RollupReports", "20261129212841_CarriedFigures", "20261129215448_Rectification",
        "20261129221947_Scores", "20261129222442_SummaryScores", "20261130001530_RectificationEvidence",
        "20261130004446_SummaryVerifiedScore",
    ];

    /// <summary>The pre-release migrations of the PostgreSQL set, oldest first.</summary>
    public static IReadOnlyList<string> Postgres { get; } =
    [
        "20261128113307_InitialCreate", "20261128115123_FigureEditing", "20261128121928_ReportSettings",
        "20261128123142_ReviewWorkflow", "20261128123716_Deadlines", "20261128130227_UserAdministration",
        "20261128131702_SchemeActivation", "20261128132948_UnboundedTexts", "20261129065732_Hardening",
        "20261129090331_Notifications", "20261129132027_Evidence", "20261129164214_Summaries",
        "20261129182550_RollupReports", "20261129212919_CarriedFigures", "20261129215525_Rectification",
        "20261129222027_Scores", "20261129222520_SummaryScores", "20261130001610_RectificationEvidence",
        "20261130004531_SummaryVerifiedScore",
    ];

    /// <summary>The baseline migrations that replaced them, one per provider.</summary>
    public const string SqliteBaseline = "20261206022721_Baseline";

    public const string PostgresBaseline = "20261206022741_Baseline";

    public static IReadOnlyList<string> Of(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;

    public static string BaselineOf(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? PostgresBaseline : SqliteBaseline;

    /// <summary>Classifies a migration history (the ids in <c>__EFMigrationsHistory</c>).</summary>
    public static PreReleaseState Classify(IEnumerable<string> applied, DatabaseProvider provider)
    {
        var history = applied.ToHashSet(StringComparer.Ordinal);
        var old = Of(provider);
        if (!old.Any(history.Contains)) return PreReleaseState.None;
        return history.SetEquals(old) ? PreReleaseState.AtLastPreRelease : PreReleaseState.Refused;
    }

    /// <summary>Why a pre-release history is refused and what to do, in Chinese then English.</summary>
    public static string RefusalMessage(IEnumerable<string> applied, DatabaseProvider provider)
    {
        var old = Of(provider);
        var last = old.LastOrDefault(applied.Contains) ?? old[0];
        var final = old[^1];
        var baseline = BaselineOf(provider);
        return
            $"数据库由正式版之前的测试版本创建（最后应用的迁移为 {last}），与本版本的数据库基线（{baseline}）不兼容，本程序没有改动它。" +
            $"请任选其一：① 先用最后一个测试版本（其最后的迁移为 {final}）启动一次，让它把数据库升级到该迁移，再启动本版本，本版本会自动接管，数据全部保留；" +
            "② 导出需要保留的数据（如各县的填报数据文件），再让本版本使用一个新的空数据库（SQLite：换一个数据文件；PostgreSQL：新建一个数据库）并重新导入。" +
            "详见发布说明 docs/release-notes.md。" + Environment.NewLine +
            $"The database was created by a pre-release build (last applied migration {last}) and does not match this version's " +
            $"baseline migration ({baseline}); it was left unchanged. Either start the last pre-release build (last migration {final}) " +
            "once so that it brings the database there, then start this version, which takes it over with all its data; or export " +
            "the data you need, point this version at a new empty database and import it again. See docs/release-notes.md.";
    }

    /// <summary>
    /// Before migrating: nothing for a database without pre-release history; the history rewritten to the baseline for one at
    /// the last pre-release migration; <see cref="PreReleaseDatabaseException"/> for any other, with nothing written.
    /// </summary>
    public static async Task EnsureUsableAsync(EduDutyDbContext db, DatabaseProvider provider, ILogger logger, CancellationToken cancellationToken = default)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        switch (Classify(applied, provider))
        {
            case PreReleaseState.None:
                return;
            case PreReleaseState.AtLastPreRelease:
                if (await RewriteHistoryAsync(db, provider, cancellationToken))
                {
                    logger.LogWarning(
                        "The database was made by a pre-release build and is at its last migration {Last}: its migration history now records the baseline {Baseline} instead (schema unchanged, decision 0022)",
                        Of(provider)[^1], BaselineOf(provider));
                }

                return;
            default:
                var message = RefusalMessage(applied, provider);
                logger.LogCritical("{Message}", message);
                throw new PreReleaseDatabaseException(message);
        }
    }

    /// <summary>
    /// Replaces the pre-release rows of the history by the baseline's, in one transaction. False when another instance did it
    /// first (none of the rows were left to delete).
    /// </summary>
    private static async Task<bool> RewriteHistoryAsync(EduDutyDbContext db, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        var old = Of(provider);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = 0;
        foreach (var id in old) deleted += await db.Database.ExecuteSqlRawAsync(history.GetDeleteScript(id), cancellationToken);
        if (deleted == 0) return false;
        if (deleted != old.Count)
        {
            throw new PreReleaseDatabaseException(
                "数据库的迁移记录在改写时被其他程序改动，本程序没有改动数据库。请确认没有其他实例正在启动后重新启动。" + Environment.NewLine +
                "The migration history changed while it was being rewritten; nothing was changed. Start again once no other instance is starting.");
        }

        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(BaselineOf(provider), EfVersion)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    // What EF writes as ProductVersion: the informational version of EF Core without its source revision.
    private static string EfVersion =>
        typeof(DbContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
}
