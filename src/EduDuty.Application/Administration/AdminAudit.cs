using EduDuty.Application.Exports;
using EduDuty.Core.Text;
using EduDuty.Reporting.Excel;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

/// <summary>One admin action as the admin audit page reads it: names and Chinese dates, never paths or ids.</summary>
public sealed record AdminAuditLine(DateTime AtUtc, string Who, string Action, string Target, string? Before, string? After);

/// <summary>The admin audit of the actor's subtree, newest first: the latest on the page, all of it as CSV or Excel.</summary>
public sealed class AdminAudit(EduDutyDbContext db)
{
    public const int Shown = 500;

    private static readonly TableColumn[] Columns =
        [new("时间", 26), new("操作人", 18), new("操作", 16), new("对象", 36), new("原值", 36), new("新值", 36)];

    public Task<IReadOnlyList<AdminAuditLine>> ListAsync(Actor actor, CancellationToken cancellationToken = default) =>
        LoadAsync(actor, Shown, cancellationToken);

    public async Task<byte[]> CsvAsync(Actor actor, CancellationToken cancellationToken) =>
        CsvFile.Write(Columns.Select(c => c.Header).ToList(), Rows(await LoadAsync(actor, null, cancellationToken)));

    public async Task<byte[]> XlsxAsync(Actor actor, CancellationToken cancellationToken) =>
        TableWorkbook.Write("管理记录", Columns, Rows(await LoadAsync(actor, null, cancellationToken)));

    private async Task<IReadOnlyList<AdminAuditLine>> LoadAsync(Actor actor, int? take, CancellationToken cancellationToken)
    {
        var query = db.AdminAuditEntries.AsNoTracking().Where(a => a.RegionPath.StartsWith(actor.RegionPath)).OrderByDescending(a => a.Id);
        return (await (take is { } n ? query.Take(n) : query).ToListAsync(cancellationToken))
            .Select(a => new AdminAuditLine(a.AtUtc, a.UserDisplayName, a.Action, ChinaTime.ReadableDates(a.Target)!,
                ChinaTime.ReadableDates(a.Before), ChinaTime.ReadableDates(a.After)))
            .ToList();
    }

    private static IEnumerable<string?[]> Rows(IEnumerable<AdminAuditLine> lines) =>
        lines.Select(l => new[] { ChinaTime.IsoTimestamp(l.AtUtc), l.Who, l.Action, l.Target, l.Before, l.After });
}
