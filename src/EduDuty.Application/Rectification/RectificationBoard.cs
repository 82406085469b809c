using EduDuty.Core.Rectification;
using EduDuty.Core.Text;
using EduDuty.Data;
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
        var scoped = db.RectificationTasks.AsNoTracking().Where(t => t.Evaluation.County.Path.StartsWith(actor.RegionPath));
        var years = await scoped.Select(t => t.Evaluation.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);
        var inYear = filter.Year is { } year ? scoped.Where(t => t.Evaluation.Year == year) : scoped;
        var states = await inYear.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var overdue = Overdue(inYear, today);
        var overdueCount = await overdue.CountAsync(cancellationToken);
        var listed = filter.OverdueOnly ? overdue : filter.Status is { } status ? inYear.Where(t => t.Status == status) : inYear;
        var page = await listed.OrderBy(t => t.Evaluation.County.Code).ThenByDescending(t => t.Evaluation.Year).ThenBy(t => t.Number)
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

    // The SQL form of RectificationStatuses.IsOverdue: open (Core's list) and due before today.
    private static IQueryable<Data.Entities.RectificationTask> Overdue(IQueryable<Data.Entities.RectificationTask> tasks, DateOnly today)
    {
        var open = RectificationStatuses.Open.ToList();
        return tasks.Where(t => open.Contains(t.Status) && t.DueDate != null && t.DueDate < today);
    }
}
