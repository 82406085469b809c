using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Report;
using EduDuty.Core.Rectification;
using EduDuty.Core.Reports;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Rectification;

/// <summary>
/// The tasks an approval makes (issue 16): every problem item of the approved report — the county's own and the automatic ones
/// for failing indicators, with their measures as printed — and each line of the supervisor's 整改意见. Made in the approval's
/// transaction; approving again after a reopening adds only the new requirements, never a second copy of the report's items.
/// </summary>
public sealed class RectificationTasks(EduDutyDbContext db, PreviousYear previousYear)
{
    /// <summary>The tasks of the county's last year (what this year's report and its review look back on); null when there are none.</summary>
    public async Task<(int Year, IReadOnlyList<RectificationItem> Items)?> OfLastYearAsync(Workspace workspace, CancellationToken cancellationToken) =>
        await previousYear.WhichAsync(workspace, cancellationToken) is { } last && await ItemsOfAsync(last.Id, cancellationToken) is { } items
            ? (last.Year, items)
            : null;

    /// <summary>The same, with last year's evaluation already picked (a page's header query).</summary>
    public async Task<(int Year, IReadOnlyList<RectificationItem> Items)?> OfAsync((int Id, int Year)? last, CancellationToken cancellationToken) =>
        last is { } l && await ItemsOfAsync(l.Id, cancellationToken) is { } items ? (l.Year, items) : null;

    public async Task<IReadOnlyList<PlannedTask>> PlanAsync(Workspace workspace, string? requirements, CancellationToken cancellationToken)
    {
        var settings = await db.ReportSettings.AsNoTracking().SingleOrDefaultAsync(r => r.EvaluationId == workspace.Id, cancellationToken);
        var texts = ReportPage.Compose(workspace, settings);
        var problems = ReportBuilder.Problems(workspace.Result, texts.Problems ?? [], workspace.Defaults)
            .Select(p => (ReportBuilder.RenderText(p.Heading, workspace.Result).ToString(), ReportBuilder.RenderText(p.Measures, workspace.Result).ToString(), p.Codes, p.Automatic));
        return RectificationRules.OnApproval(problems, requirements);
    }

    /// <summary>Adds the planned tasks to the context (the caller saves them with the approval).</summary>
    public async Task AddAsync(int evaluationId, IReadOnlyList<PlannedTask> planned, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var existing = await db.RectificationTasks.Where(t => t.EvaluationId == evaluationId).Select(t => t.Number).ToListAsync(cancellationToken);
        var number = existing.Count == 0 ? 0 : existing.Max();
        foreach (var task in existing.Count == 0 ? planned : planned.Where(p => p.Source == RectificationSource.Supervisor))
        {
            db.RectificationTasks.Add(new RectificationTask
            {
                EvaluationId = evaluationId, Number = ++number, Source = task.Source, Problem = task.Problem, Measures = task.Measures,
                Codes = task.Codes.Count == 0 ? null : string.Join(',', task.Codes), Status = RectificationStatus.NotStarted,
                CreatedAtUtc = nowUtc, UpdatedAtUtc = nowUtc, Version = 1,
            });
        }
    }

    /// <summary>The tasks of an evaluation as a report tells them, each with its latest progress note.</summary>
    public async Task<IReadOnlyList<RectificationItem>?> ItemsOfAsync(int evaluationId, CancellationToken cancellationToken)
    {
        var tasks = await db.RectificationTasks.AsNoTracking().Where(t => t.EvaluationId == evaluationId).OrderBy(t => t.Number)
            .Select(t => new
            {
                t.Problem, t.Measures, t.ResponsibleUnit, t.DueDate, t.Status, t.Reason,
                Note = t.Notes.OrderByDescending(n => n.AtUtc).ThenByDescending(n => n.Id).Select(n => n.Text).FirstOrDefault(),
                Evidence = db.RectificationEvidence.Where(f => f.TaskId == t.Id).OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id).Select(f => f.Title).ToList(),
            })
            .ToListAsync(cancellationToken);
        return tasks.Count == 0 ? null : tasks.Select(t => new RectificationItem(t.Problem, t.Measures, t.ResponsibleUnit, t.DueDate, t.Status, t.Reason, t.Note, t.Evidence)).ToList();
    }
}
