using EduDuty.Application.Exports;
using EduDuty.Core.Text;
using EduDuty.Reporting.Excel;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

/// <summary>One admin action as the admin audit page reads it: names and Chinese dates, never paths or ids.</summary>
public sealed record AdminAuditLine(DateTime AtUtc, string Who, string Action, string Target, string? Before, string? After);

/// <summary>The admin audit of the actor's subtree, newest first: a page at a time on the page, all of it as CSV or Excel.</summary>
public sealed class AdminAudit(EduDutyDbContext db)
{
    public const int PageSize = 50;

    private static readonly TableColumn[] Columns =
        [new("时间", 26), new("操作人", 18), new("操作", 16), new("对象", 36), new("原值", 36), new("新值", 36)];

    /// <summary>A page of the audit, newest first, read in the database.</summary>
    public async Task<Paged<AdminAuditLine>> PageAsync(Actor actor, int page, CancellationToken cancellationToken = default) =>
        (await Entries(actor).ToPagedAsync(page, PageSize, cancellationToken)).Select(Line);

    public async Task<byte[]> CsvAsync(Actor actor, CancellationToken cancellationToken) =>
        CsvFile.Write(Columns.Select(c => c.Header).ToList(), Rows(await LoadAsync(actor, cancellationToken)));

    public async Task<byte[]> XlsxAsync(Actor actor, CancellationToken cancellationToken) =>
        TableWorkbook.Write("管理记录", Columns, Rows(await LoadAsync(actor, cancellationToken)));

    private async Task<IReadOnlyList<AdminAuditLine>> LoadAsync(Actor actor, CancellationToken cancellationToken) =>
        (await Entries(actor).ToListAsync(cancellationToken)).Select(Line).ToList();

    private IQueryable<Data.Entities.AdminAuditEntry> Entries(Actor actor) =>
        db.AdminAuditEntries.AsNoTracking().Under(a => a.RegionPath, actor.RegionPath).OrderByDescending(a => a.Id);

    private static AdminAuditLine Line(Data.Entities.AdminAuditEntry a) =>
        new(a.AtUtc, a.UserDisplayName, a.Action.Text(), ChinaTime.ReadableDates(a.Target)!, ChinaTime.ReadableDates(a.Before), ChinaTime.ReadableDates(a.After));

    private static IEnumerable<string?[]> Rows(IEnumerable<AdminAuditLine> lines) =>
        lines.Select(l => new[] { ChinaTime.IsoTimestamp(l.AtUtc), l.Who, l.Action, l.Target, l.Before, l.After });
}
