using EduDuty.Application.Exports;
using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Core.Security;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Reporting.Excel;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Audit;

/// <summary>One line of an evaluation's history: a value change, a transition or a comment.</summary>
public sealed record TimelineEntry(DateTime AtUtc, string User, string Kind, string Target, string? Old, string? New, string Source)
{
    /// <summary>数据来源部门 (issue 30): for an entry about an entered field, the department that enters it (教育局 for the county's own); else null.</summary>
    public string? Department { get; init; }
}

/// <summary>Value changes, transitions and comments of one evaluation, newest first, as a page and as CSV.</summary>
public sealed class AuditTimeline(EduDutyDbContext db)
{
    public const int PageSize = 50;

    /// <summary>The whole history, newest first (for the CSV and Excel downloads).</summary>
    public Task<IReadOnlyList<TimelineEntry>> LoadAsync(Workspace ws, CancellationToken cancellationToken) => ReadAsync(ws, null, cancellationToken);

    /// <summary>
    /// One page of the history, newest first, read in the database: the three sources are counted, the newest
    /// page × <see cref="PageSize"/> of each read and merged, so a page never reads more than its depth in the history.
    /// </summary>
    public async Task<Paged<TimelineEntry>> PageAsync(Workspace ws, int page, CancellationToken cancellationToken)
    {
        var total = await db.AuditEntries.CountAsync(a => a.EvaluationId == ws.Id, cancellationToken)
                    + await db.EvaluationTransitions.CountAsync(t => t.EvaluationId == ws.Id, cancellationToken)
                    + await db.ReviewComments.CountAsync(c => c.EvaluationId == ws.Id, cancellationToken);
        page = Paging.Clamp(page, total, PageSize);
        var newest = await ReadAsync(ws, page * PageSize, cancellationToken);
        return new Paged<TimelineEntry>(newest.Skip((page - 1) * PageSize).ToList(), total, page, PageSize);
    }

    // The newest <take> of each source (all without a limit), merged newest first.
    private async Task<IReadOnlyList<TimelineEntry>> ReadAsync(Workspace ws, int? take, CancellationToken cancellationToken)
    {
        IQueryable<T> Newest<T>(IQueryable<T> query) => take is { } n ? query.Take(n) : query;
        var audits = await Newest(db.AuditEntries.AsNoTracking().Where(a => a.EvaluationId == ws.Id).OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)).ToListAsync(cancellationToken);
        var transitions = await Newest(db.EvaluationTransitions.AsNoTracking().Where(t => t.EvaluationId == ws.Id).OrderByDescending(t => t.AtUtc).ThenByDescending(t => t.Id)).ToListAsync(cancellationToken);
        // Who enters each field (issue 30): the exports' 数据来源部门 column. One statement.
        var departments = (await Departments.DepartmentParts.LoadAsync(db, ws, cancellationToken)).DepartmentNamesByCode;
        string? DepartmentOf(AuditEntry a) => a.Kind is AuditKind.Figure or AuditKind.DepartmentPart or AuditKind.Assignment
            && ws.Scheme.FindField(a.Target) is { } field && field.Kind.IsInput()
                ? departments.GetValueOrDefault(field.Code) ?? Core.Departments.DepartmentNames.Education
                : null;
        var comments = await Newest(db.ReviewComments.AsNoTracking().Where(c => c.EvaluationId == ws.Id).OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id)).ToListAsync(cancellationToken);

        string Name(string? target) => ws.Scheme.LabelTarget(target);
        // Figures' yes/no in words; an evidence piece as its title, file name and size (its hash stays in the stored entry).
        string? Show(AuditEntry a, string? v) => a.Kind switch
        {
            AuditKind.Figure => v switch { "true" => "是", "false" => "否", _ => v },
            AuditKind.Evidence or AuditKind.Rectification => EduDuty.Application.Evidence.AttachEvidence.Readable(v),
            _ => v,
        };

        return audits.Select(a => (a.Id, Entry: new TimelineEntry(a.AtUtc, a.UserDisplayName,
                    a.Kind switch { AuditKind.Narrative => "文字修改", AuditKind.Report => "报告设置", AuditKind.Evidence => "佐证材料", AuditKind.Rectification => "整改", AuditKind.Publication => "公示", AuditKind.Assignment => "部门分工", AuditKind.DepartmentPart => "部门报送", AuditKind.InternalDeadline => "内部截止日期", _ => "数据修改" },
                    a.Kind switch { AuditKind.Report => "报告设置", AuditKind.Rectification or AuditKind.Publication or AuditKind.InternalDeadline => a.Target, _ => Name(a.Target) }, Show(a, a.OldValue), Show(a, a.NewValue), a.Source.Text()) { Department = DepartmentOf(a) }))
            .Concat(transitions.Select(t => (t.Id, Entry: new TimelineEntry(t.AtUtc, $"{t.UserDisplayName}（{Roles.DisplayName(t.UserRole)}）", "流转",
                $"{ReviewWorkflow.DisplayName(t.Action)}：{t.From.DisplayName()} → {t.To.DisplayName()}", null, t.Reason, AuditSource.Review.Text()))))
            .Concat(comments.Select(c => (c.Id, Entry: new TimelineEntry(c.AtUtc, $"{c.AuthorDisplayName}（{Roles.DisplayName(c.AuthorRole)}）",
                c.IsReturnReason ? "退回理由" : c.ParentId is null ? "意见" : "回复", Name(c.Target), null, c.Text, "意见"))))
            .OrderByDescending(x => x.Entry.AtUtc).ThenByDescending(x => x.Id)
            .Select(x => x.Entry)
            .ToList();
    }

    private static readonly TableColumn[] Columns =
        [new("时间", 26), new("操作人", 18), new("类别", 10), new("对象", 30), new("原值", 40), new("新值", 40), new("方式", 8), new("数据来源部门", 12)];

    /// <summary>The timeline as a CSV file; times in ISO form with the China offset (+08:00).</summary>
    public static byte[] ToCsv(IEnumerable<TimelineEntry> entries) => CsvFile.Write(Columns.Select(c => c.Header).ToList(), Rows(entries));

    /// <summary>The same table as an Excel workbook, with filters.</summary>
    public static byte[] ToXlsx(IEnumerable<TimelineEntry> entries) => TableWorkbook.Write("修改记录", Columns, Rows(entries));

    private static IEnumerable<string?[]> Rows(IEnumerable<TimelineEntry> entries) =>
        entries.Select(e => new[] { ChinaTime.IsoTimestamp(e.AtUtc), e.User, e.Kind, e.Target, e.Old, e.New, e.Source, e.Department });
}
