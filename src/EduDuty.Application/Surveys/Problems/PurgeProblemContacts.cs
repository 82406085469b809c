using EduDuty.Application.Administration;
using EduDuty.Application.Writes;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Surveys.Problems;

/// <summary>
/// Deletes reporters' contact details received more than <see cref="ProblemReportSettings.ContactRetentionDays"/> days ago
/// (decision 0060): the name and phone set to null and <see cref="ProblemReport.ContactPurgedAtUtc"/> set, in one write with one
/// admin-audit entry (<see cref="AdminAction.PurgeProblemContacts"/>, the count) when anything was purged. Run by the portal's
/// worker; safe on several instances at once (a report already purged is not counted again).
/// </summary>
public sealed class PurgeProblemContacts(EduDutyDbContext db, AdminAuditLog audit, ProblemReportSettings settings, WriteExecutor executor, TimeProvider clock, AddressKeys addresses)
{
    /// <summary>Who the audit names for the purge: the portal itself.</summary>
    public static readonly Actor System = new("system", "系统（定期清除）", [Roles.Admin], string.Empty);

    /// <returns>How many reports' contacts were purged.</returns>
    /// <remarks>It also deletes the address salts of past days (<see cref="AddressKeys.ForgetOldSaltsAsync"/>), which would
    /// otherwise stay stored after a day without any answer or report.</remarks>
    public async Task<Outcome<int>> RunAsync(CancellationToken cancellationToken)
    {
        await addresses.ForgetOldSaltsAsync(cancellationToken);
        return await PurgeContactsAsync(cancellationToken);
    }

    private Task<Outcome<int>> PurgeContactsAsync(CancellationToken cancellationToken) =>
        executor.ExecuteAsync<int>("purge problem-report contacts", async (scope, ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var cutoff = now.AddDays(-settings.ContactRetentionDays);
            var due = db.ProblemReports.Where(p => p.ReceivedAtUtc < cutoff && p.ContactPurgedAtUtc == null && (p.ContactName != null || p.ContactPhone != null));
            var paths = await due.Select(p => p.County.Path).Distinct().ToListAsync(ct);
            var purged = await due.ExecuteUpdateAsync(s => s.SetProperty(p => p.ContactName, (string?)null).SetProperty(p => p.ContactPhone, (string?)null)
                .SetProperty(p => p.ContactPurgedAtUtc, now), ct);
            if (purged == 0)
            {
                scope.Discard();
                return Outcome.Done(0);
            }

            audit.Add(System, AdminAction.PurgeProblemContacts, "问题线索联系方式", null,
                $"清除了 {purged} 条问题线索中超过 {settings.ContactRetentionDays} 天的联系人和联系电话", CommonPath(paths));
            return Outcome.Done(purged);
        }, cancellationToken);

    /// <summary>The deepest region covering every path ("/140000/140800/140823/" and "/140000/140500/…" → "/140000/").</summary>
    internal static string CommonPath(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) return string.Empty;
        var common = paths[0];
        foreach (var path in paths.Skip(1))
        {
            var length = 0;
            while (length < common.Length && length < path.Length && common[length] == path[length]) length++;
            common = common[..length];
        }

        var cut = common.LastIndexOf('/');
        return cut < 0 ? string.Empty : common[..(cut + 1)];
    }
}
