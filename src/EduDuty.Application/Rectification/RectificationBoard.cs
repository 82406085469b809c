using System.Globalization;
using EduDuty.Core.Rectification;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Reporting.Excel;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Rectification;

/// <summary>One task as the board lists it.</summary>
public sealed record TaskRow(
    int Id, int EvaluationId, string County, string? City, int Year, int Number, RectificationSource Source, string Problem, string? Measures, string? Codes,
    string? ResponsibleUnit, DateOnly? DueDate, RectificationStatus Status, string? Reason, int Version, bool Overdue, IReadOnlyList<NoteRow> Notes,
    IReadOnlyList<TaskEvidenceRow> Evidence);

public sealed record NoteRow(string Text, string User, DateTime AtUtc);

/// <summary>Which tasks to list: a year, a state, only the overdue ones, a page.</summary>
public sealed record TaskFilter(int? Year, RectificationStatus? Status, bool OverdueOnly, int Page);

public sealed record TaskBoard(Paged<TaskRow> Tasks, IReadOnlyDictionary<RectificationStatus, int> States, int Overdue, IReadOnlyList<int> Years, bool CanUpdate);

/// <summary>
/// 整改任务: a county's own tasks for its officials; every county's within their region for supervisors and admins, by state
/// and overdue (issue 16). Counted and paged in the database; 20 a page with their notes and files.
/// </summary>
public sealed class RectificationBoard(EduDutyDbContext db, RectificationEvidenceFiles evidence, TimeProvider clock)
{
    public const int PageSize = 20;

    public async Task<TaskBoard> ListAsync(Actor actor, TaskFilter filter, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var scoped = Scoped(actor);
        var years = await scoped.Select(t => t.Evaluation.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);
        var inYear = InYear(scoped, filter);
        var states = await inYear.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var overdueCount = await Overdue(inYear, today).CountAsync(cancellationToken);
        var page = await Ordered(Listed(inYear, filter, today))
            .Select(t => new
            {
                t.Id, t.EvaluationId, County = t.Evaluation.County.Name, City = t.Evaluation.County.Parent == null ? null : t.Evaluation.County.Parent.Name,
                t.Evaluation.Year, t.Number, t.Source, t.Problem, t.Measures, t.Codes, t.ResponsibleUnit, t.DueDate, t.Status, t.Reason, t.Version,
            })
            .ToPagedAsync(filter.Page, PageSize, cancellationToken);
        var ids = page.Items.Select(t => t.Id).ToList();
        var notes = (await db.RectificationNotes.AsNoTracking().Where(n => ids.Contains(n.TaskId)).OrderByDescending(n => n.AtUtc).ThenByDescending(n => n.Id)
            .Select(n => new { n.TaskId, n.Text, n.UserDisplayName, n.AtUtc }).ToListAsync(cancellationToken)).ToLookup(n => n.TaskId);
        var files = await evidence.OfTasksAsync(ids, cancellationToken);
        return new TaskBoard(
            page.Select(t => new TaskRow(t.Id, t.EvaluationId, t.County, t.City, t.Year, t.Number, t.Source, t.Problem, t.Measures, t.Codes, t.ResponsibleUnit, t.DueDate,
                t.Status, t.Reason, t.Version, RectificationStatuses.IsOverdue(t.Status, t.DueDate, today), notes[t.Id].Select(n => new NoteRow(n.Text, n.UserDisplayName, n.AtUtc)).ToList(),
                [.. files[t.Id]])),
            states, overdueCount, years, RectificationRules.MayUpdate(actor.ViewerOf(actor.RegionPath)) is null);
    }

    /// <summary>
    /// Every task the filter selects (not paged) as a workbook: county, city, year, number, source, problem, measures, unit, due
    /// date, state, overdue, reason, latest progress and the titles of its evidence — what a supervisor takes to a meeting.
    /// </summary>
    public async Task<byte[]> ExportAsync(Actor actor, TaskFilter filter, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var rows = await Ordered(Listed(InYear(Scoped(actor), filter), filter, today))
            .Select(t => new
            {
                County = t.Evaluation.County.Name, City = t.Evaluation.County.Parent == null ? null : t.Evaluation.County.Parent.Name, t.Evaluation.Year, t.Number,
                t.Source, t.Problem, t.Measures, t.ResponsibleUnit, t.DueDate, t.Status, t.Reason,
                Note = t.Notes.OrderByDescending(n => n.AtUtc).ThenByDescending(n => n.Id).Select(n => n.Text).FirstOrDefault(),
                Evidence = db.RectificationEvidence.Where(f => f.TaskId == t.Id).OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id).Select(f => f.Title).ToList(),
            })
            .ToListAsync(cancellationToken);
        return TableWorkbook.Write("整改任务", ExportColumns, rows.Select(t => (IReadOnlyList<string?>)
        [
            t.County, t.City, t.Year.ToString(CultureInfo.InvariantCulture), t.Number.ToString(CultureInfo.InvariantCulture), t.Source.DisplayName(),
            t.Problem, t.Measures, t.ResponsibleUnit, t.DueDate is { } due ? ChinaTime.Date(due) : null, t.Status.DisplayName(),
            RectificationStatuses.IsOverdue(t.Status, t.DueDate, today) ? "是" : "否", t.Reason, t.Note, string.Join("、", t.Evidence),
        ]));
    }

    private static readonly TableColumn[] ExportColumns =
    [
        new("县（市、区）", 12), new("所属市", 10), new("年度", 7), new("序号", 6), new("来源", 10), new("存在问题", 40), new("整改措施", 40),
        new("责任单位", 14), new("完成时限", 14), new("整改状态", 9), new("已逾期", 7), new("无法完成的原因", 30), new("最新进展", 40), new("佐证材料", 30),
    ];

    private IQueryable<RectificationTask> Scoped(Actor actor) =>
        db.RectificationTasks.AsNoTracking().Under(t => t.Evaluation.County.Path, actor.RegionPath);

    private static IQueryable<RectificationTask> InYear(IQueryable<RectificationTask> tasks, TaskFilter filter) =>
        filter.Year is { } year ? tasks.Where(t => t.Evaluation.Year == year) : tasks;

    // The tasks a filter lists within its year: the overdue ones, one state, or all.
    private static IQueryable<RectificationTask> Listed(IQueryable<RectificationTask> inYear, TaskFilter filter, DateOnly today) =>
        filter.OverdueOnly ? Overdue(inYear, today) : filter.Status is { } status ? inYear.Where(t => t.Status == status) : inYear;

    private static IOrderedQueryable<RectificationTask> Ordered(IQueryable<RectificationTask> tasks) =>
        tasks.OrderBy(t => t.Evaluation.County.Code).ThenByDescending(t => t.Evaluation.Year).ThenBy(t => t.Number);

    // The SQL form of RectificationStatuses.IsOverdue: open (Core's list) and due before today.
    private static IQueryable<RectificationTask> Overdue(IQueryable<RectificationTask> tasks, DateOnly today)
    {
        var open = RectificationStatuses.Open.ToList();
        return tasks.Where(t => open.Contains(t.Status) && t.DueDate != null && t.DueDate < today);
    }
}
