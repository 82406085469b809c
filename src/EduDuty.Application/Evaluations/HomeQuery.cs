using EduDuty.Application.Evaluations.Comments;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Security;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations;

public sealed record HomeView(Paged<EvaluationListItem> Evaluations, IReadOnlyList<TodoItem> Todo);

public sealed record EvaluationListItem(
    int Id, string County, string CountyCode, int Year, string SchemeTitle, EvaluationStatus Status, DateTime UpdatedAtUtc,
    DateTime? SubmittedAtUtc, int RequiredFilled, int Required, int FailingCount, int OpenComments, DeadlineState Deadline);

/// <summary>
/// The home page: a page of the evaluations the actor may see, each with its completeness, failing count and open comments
/// (from the stored summaries: nothing is evaluated per county), and the actor's to-do list (<see cref="TodoList"/>, derived
/// from the state of the evaluations that can give one). Six queries whatever the number of counties: the count and the page
/// of evaluations with their summaries, the other evaluations that can give a to-do (<see cref="TodoCandidates"/>), their
/// comments, their last review steps and their evidence judged insufficient; a county user's own evaluations (a handful) are
/// evaluated for the to-do's missing figures, and their open rectification tasks read, with two queries more.
/// </summary>
public sealed class HomeQuery(EduDutyDbContext db, StoredSchemes schemes, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<HomeView> HandleAsync(Actor actor, CancellationToken cancellationToken) => await HandleAsync(actor, 1, cancellationToken);

    public async Task<HomeView> HandleAsync(Actor actor, int page, CancellationToken cancellationToken)
    {
        var path = actor.RegionPath;
        var scope = EvaluationClaim.Headers(db).Under(h => h.CountyPath, path);
        var listed = await Listing(db, scope).ToPagedAsync(page, PageSize, cancellationToken);
        var details = listed.Items.ToDictionary(l => l.Header.Id);
        // The candidates are part of the scope: when the page shows all of it, they are on the page already.
        var candidates = listed.Total <= listed.Items.Count ? [] : await TodoCandidates(actor, scope).ToListAsync(cancellationToken);
        var headers = listed.Items.Select(l => l.Header).Concat(candidates).DistinctBy(h => h.Id).ToList();
        var ids = headers.Select(e => e.Id).ToList();
        var comments = (await db.ReviewComments.AsNoTracking().Where(c => ids.Contains(c.EvaluationId)).ToListAsync(cancellationToken))
            .ToLookup(c => c.EvaluationId);
        // Per evaluation in one statement: its last review step and its evidence judged insufficient.
        var stepsAndEvidence = await db.Evaluations.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new
        {
            e.Id,
            Action = db.EvaluationTransitions.Where(t => t.EvaluationId == e.Id).OrderByDescending(t => t.Id).Select(t => (ReviewAction?)t.Action).FirstOrDefault(),
            Reason = db.EvaluationTransitions.Where(t => t.EvaluationId == e.Id).OrderByDescending(t => t.Id).Select(t => t.Reason).FirstOrDefault(),
            Insufficient = db.EvidenceFiles.Count(f => f.EvaluationId == e.Id && f.Verdict == Core.Evidence.EvidenceVerdict.Insufficient),
            // Issue 30: the departments' internal deadline and the fields sent and waiting for the county, in the same statement.
            e.DepartmentDeadline,
            AwaitingReview = db.DepartmentFieldStates.Count(s => s.EvaluationId == e.Id && s.Status == Core.Departments.DepartmentFieldStatus.Submitted),
        }).ToListAsync(cancellationToken);
        var departments = stepsAndEvidence.ToDictionary(s => s.Id, s => (Deadline: s.DepartmentDeadline, s.AwaitingReview));
        var lastSteps = stepsAndEvidence.Where(s => s.Action is not null).ToDictionary(s => s.Id, s => ((ReviewAction Action, string? Reason)?)(s.Action!.Value, s.Reason));
        var insufficient = stepsAndEvidence.Where(s => s.Insufficient > 0).ToDictionary(s => s.Id, s => s.Insufficient);
        // Only a county user's to-do names the missing figures per area: their own evaluations, evaluated here.
        var figures = actor.IsCountyUser
            ? (await db.FigureValues.AsNoTracking().Where(f => ids.Contains(f.EvaluationId)).ToListAsync(cancellationToken)).ToLookup(f => f.EvaluationId)
            : null;

        var today = ChinaTime.Today(clock);
        var items = new List<EvaluationListItem>();
        var todo = new List<TodoItem>();
        var overdue = new List<(string County, int Year, DateOnly Due)>();
        foreach (var e in headers.OrderByDescending(h => h.Year).ThenBy(h => h.CountyPath, StringComparer.Ordinal))
        {
            var deadline = DeadlineState.Of(e.Status, e.YearDeadline, e.ExtendedTo, today);
            var threads = CommentThread.Of(comments[e.Id]);
            var scheme = figures is null && !details.ContainsKey(e.Id) ? null : await schemes.GetAsync(db, e.SchemeId, e.SchemeHash, cancellationToken);
            var completeness = figures is null ? null : Completeness.Of(RuleEngine.For(scheme!).Evaluate(figures[e.Id].ToValues()));
            if (details.TryGetValue(e.Id, out var detail)) // on the page shown
            {
                var summary = detail.Summary?.ToResult() ?? ResultSummary.Empty(scheme!);
                items.Add(new EvaluationListItem(e.Id, e.County, detail.CountyCode, e.Year, detail.SchemeTitle, e.Status, e.UpdatedAtUtc,
                    detail.SubmittedAtUtc, summary.RequiredFilled, summary.Required, summary.FailingCount, threads.Count(t => t.IsOpen), deadline));
            }

            if (deadline.BlocksDraft) overdue.Add((e.County, e.Year, deadline.Due!.Value));

            var facts = new EvaluationFacts(e.Status, deadline, completeness?.Missing.Select(Completeness.Label).ToList() ?? []);
            var step = lastSteps.GetValueOrDefault(e.Id);
            // A county user's own evaluation in its hands past the departments' internal deadline (issue 30): who is late needs the
            // owners resolved by Core, one statement more, read only then (a page GET within its deadline pays nothing).
            var (departmentDeadline, awaitingReview) = departments.GetValueOrDefault(e.Id);
            var parts = figures is not null && Core.Review.ReviewWorkflow.IsEditable(e.Status) && Core.Departments.DepartmentProgress.IsLate(departmentDeadline, today)
                ? await Departments.DepartmentParts.LoadAsync(db, e.Id, e.CountyId, scheme!, Departments.DepartmentParts.Filled(figures[e.Id]), cancellationToken)
                : Departments.DepartmentPartsView.None;
            todo.AddRange(TodoList.For(actor.ViewerOf(e.CountyPath), new TodoFacts(
                e.Id, $"{e.County} {e.Year}年度评价", facts, completeness,
                threads.Count(t => t.AwaitsReplyFrom(countySide: true)), threads.Count(t => t.AwaitsReplyFrom(countySide: false)),
                step?.Action, step?.Reason, insufficient.GetValueOrDefault(e.Id))
            {
                DepartmentDeadline = departmentDeadline, Today = today,
                PendingDepartments = parts.Pending, AwaitingDepartmentReview = figures is null ? 0 : awaitingReview,
            }));
        }

        if (actor.IsInRole(Roles.Admin)) todo.AddRange(TodoList.ForAdmin(overdue));
        if (actor.IsCountyUser)
        {
            // The county's open rectification tasks of its approved evaluations (a handful a year): TodoList picks those not
            // started, due within a week or overdue.
            var names = headers.ToDictionary(h => h.Id, h => $"{h.County} {h.Year}年度");
            var approved = headers.Where(h => h.Status == EvaluationStatus.Approved).Select(h => h.Id).ToList();
            var tasks = approved.Count == 0 ? [] : await db.RectificationTasks.AsNoTracking()
                .Where(t => approved.Contains(t.EvaluationId) && Core.Rectification.RectificationStatuses.Open.Contains(t.Status))
                .Select(t => new { t.Id, t.EvaluationId, t.Number, t.Problem, t.DueDate, t.Status })
                .ToListAsync(cancellationToken);
            todo.AddRange(TodoList.ForTasks(actor.ViewerOf(actor.RegionPath),
                tasks.Select(t => new TodoTask(t.Id, t.EvaluationId, names[t.EvaluationId], headers.First(h => h.Id == t.EvaluationId).Year, t.Number, t.Problem, t.DueDate, t.Status)),
                today));
        }

        return new HomeView(new Paged<EvaluationListItem>(items, listed.Total, listed.Page, PageSize), todo.OrderByDescending(t => t.Urgent).ToList());
    }

    internal sealed record ListedEvaluation(EvaluationHeader Header, string CountyCode, string SchemeTitle, DateTime? SubmittedAtUtc, EvaluationSummary? Summary);

    /// <summary>
    /// The evaluations of <paramref name="scope"/> as a list shows them, newest year first and by county: each with its county's
    /// code, its scheme's title and its stored summary (the home page and the API's list, issue 29).
    /// </summary>
    internal static IQueryable<ListedEvaluation> Listing(EduDutyDbContext db, IQueryable<EvaluationHeader> scope) =>
        from h in scope
        join e in db.Evaluations on h.Id equals e.Id
        orderby h.Year descending, h.CountyPath
        select new ListedEvaluation(h, e.County.Code, e.Scheme.Title, e.SubmittedAtUtc, db.Summaries.FirstOrDefault(s => s.EvaluationId == e.Id));

    // The evaluations that can give this reader a to-do beyond the page shown, in the statuses TodoList names; an admin's drafts
    // only when they have a deadline at all (without one a draft is never late). A province's home page reads a page and
    // these, not every county.
    private static IQueryable<EvaluationHeader> TodoCandidates(Actor actor, IQueryable<EvaluationHeader> scope)
    {
        var viewer = actor.ViewerOf(actor.RegionPath);
        if (TodoList.StatusesWithTodos(viewer) is not { } statuses) return scope;
        var candidates = scope.Where(h => statuses.Contains(h.Status));
        return viewer.Is(Roles.Admin) && !viewer.Is(Roles.Supervisor) ? candidates.Where(h => h.YearDeadline != null || h.ExtendedTo != null) : candidates;
    }
}
