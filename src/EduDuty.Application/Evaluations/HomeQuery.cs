using EduDuty.Application.Evaluations.Comments;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations;

public sealed record HomeView(IReadOnlyList<EvaluationListItem> Evaluations, IReadOnlyList<TodoItem> Todo);

public sealed record EvaluationListItem(
    int Id, string County, string CountyCode, int Year, string SchemeTitle, EvaluationStatus Status, DateTime UpdatedAtUtc,
    DateTime? SubmittedAtUtc, int EnteredCount, int FailingCount, int OpenComments);

/// <summary>Something waiting for the signed-in user, with the page of the evaluation where it is done.</summary>
public sealed record TodoItem(int EvaluationId, string Text, TodoPage Page);

public enum TodoPage { Overview, Comments }

/// <summary>
/// The home page: the evaluations the actor may see, each with its failing count and open comments, and the actor's to-do
/// list. Three queries for the evaluations, their figures and their comments, whatever the number of counties.
/// </summary>
public sealed class HomeQuery(EduDutyDbContext db, StoredSchemes schemes)
{
    public async Task<HomeView> HandleAsync(Actor actor, CancellationToken cancellationToken)
    {
        var evaluations = await db.Evaluations.AsNoTracking().VisibleTo(actor)
            .OrderByDescending(e => e.Year).ThenBy(e => e.County.Code)
            .Select(e => new { e.Id, County = e.County.Name, CountyCode = e.County.Code, e.Year, e.SchemeId, SchemeTitle = e.Scheme.Title, e.Status, e.UpdatedAtUtc, e.SubmittedAtUtc })
            .ToListAsync(cancellationToken);
        var ids = evaluations.Select(e => e.Id).ToList();
        var figures = (await db.FigureValues.AsNoTracking().Where(f => ids.Contains(f.EvaluationId)).ToListAsync(cancellationToken))
            .ToLookup(f => f.EvaluationId);
        var comments = (await db.ReviewComments.AsNoTracking().Where(c => ids.Contains(c.EvaluationId)).ToListAsync(cancellationToken))
            .ToLookup(c => c.EvaluationId);

        var items = new List<EvaluationListItem>();
        var todo = new List<TodoItem>();
        foreach (var e in evaluations)
        {
            var scheme = await schemes.GetAsync(db, e.SchemeId, cancellationToken);
            var failing = RuleEngine.For(scheme).Evaluate(figures[e.Id].ToValues()).Failing.Count();
            var threads = CommentThread.Of(comments[e.Id]);
            var awaiting = threads.Count(t => t.AwaitsReplyFrom(actor.IsCountyUser));
            items.Add(new EvaluationListItem(e.Id, e.County, e.CountyCode, e.Year, e.SchemeTitle, e.Status, e.UpdatedAtUtc, e.SubmittedAtUtc,
                figures[e.Id].Count(f => f.Number != null || f.Flag != null || f.Text != null), failing, threads.Count(t => t.IsOpen)));

            var name = $"{e.County} {e.Year}年度评价";
            if (actor.IsCountyUser && e.Status == EvaluationStatus.Returned) todo.Add(new TodoItem(e.Id, $"{name}已被退回，请按审核意见修改后重新提交", TodoPage.Overview));
            if (actor.IsInRole(Roles.Supervisor) && e.Status == EvaluationStatus.Submitted) todo.Add(new TodoItem(e.Id, $"{name}已提交，待您审核", TodoPage.Overview));
            if (awaiting > 0) todo.Add(new TodoItem(e.Id, $"{name}有 {awaiting} 条审核意见待您回复", TodoPage.Comments));
        }

        return new HomeView(items, todo);
    }
}
