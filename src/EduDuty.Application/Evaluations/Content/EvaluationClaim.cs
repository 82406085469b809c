using System.Linq.Expressions;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Content;

/// <summary>An evaluation's row with the year deadline that applies to it, as the loader and the claim read it.</summary>
/// <remarks>Init properties, not a positional record: EF can filter on a member-init projection, not on a constructor call.</remarks>
public sealed record EvaluationHeader
{
    public int Id { get; init; }

    public string County { get; init; } = string.Empty;

    public int CountyId { get; init; }

    public string CountyPath { get; init; } = string.Empty;

    public int Year { get; init; }

    public int SchemeId { get; init; }

    /// <summary>The content hash of the scheme version: finds the parsed scheme without another query.</summary>
    public string SchemeHash { get; init; } = string.Empty;

    public EvaluationStatus Status { get; init; }

    public DateTime UpdatedAtUtc { get; init; }

    public DateOnly? ExtendedTo { get; init; }

    public DateOnly? YearDeadline { get; init; }
}

/// <summary>
/// The rules of <see cref="EvaluationPolicy"/> that decide a write to one evaluation, expressed in SQL and applied inside the
/// write's transaction: the evaluation row is touched (its <c>UpdatedAtUtc</c> set) only while the rule holds for the actor
/// on what is stored now. Because every write to an evaluation and every transition claims the same row first, they are
/// serialised (PostgreSQL's row lock; SQLite runs one writer at a time), and what one decides inside its claim (a version,
/// a quota, the required figures) cannot move before it commits. A transition committed a moment earlier makes the claim
/// match no row, so no change slips past a submission, an approval, a deadline or a reassignment: on PostgreSQL only
/// because the rule's conditions on the evaluation (its state, its extension) are conditions on the updated row itself,
/// which PostgreSQL checks again on the row's newest version once the lock is granted; a condition read through a subquery
/// of the same table would be checked against the statement's older snapshot and let a write through after an approval
/// (the race tests caught exactly that). A table-driven test keeps each rule and its Core twin equal for every state ×
/// deadline × extension × role.
/// </summary>
public static class EvaluationClaim
{
    /// <summary>
    /// The deadline of an evaluation's scheme year: the one set for the nearest region above the county (a city's over its
    /// province's). The one place that looks it up: the headers and the claims inline it.
    /// </summary>
    private static Expression<Func<Evaluation, DateOnly?>> YearDeadline(EduDutyDbContext db) => e => db.Deadlines
        .Where(d => d.SchemeId == e.SchemeId && d.Year == e.Year && e.County.Path.StartsWith(d.Region.Path))
        .OrderByDescending(d => d.Region.Path.Length)
        .Select(d => (DateOnly?)d.DueDate)
        .FirstOrDefault();

    /// <summary>Evaluations with the deadline of their scheme year (<see cref="YearDeadline"/>), as the loader and the lists read them.</summary>
    public static IQueryable<EvaluationHeader> Headers(EduDutyDbContext db) =>
        db.Evaluations.AsNoTracking().Select(WithDeadline(db, (e, due) => new EvaluationHeader
        {
            Id = e.Id, County = e.County.Name, CountyId = e.CountyId, CountyPath = e.County.Path, Year = e.Year, SchemeId = e.SchemeId,
            SchemeHash = e.Scheme.ContentHash,
            Status = e.Status, UpdatedAtUtc = e.UpdatedAtUtc, ExtendedTo = e.ExtendedTo, YearDeadline = due,
        }));

    /// <summary>
    /// The evaluations the actor may write to by the action now: the SQL twin of <see cref="EvaluationPolicy.Decide"/> for an
    /// action that writes to one evaluation (all but <see cref="EvaluationAction.SetDeadline"/>, which is not about one
    /// evaluation), as conditions on the evaluation's own row. Submitting also needs every required figure, which SQL cannot
    /// judge: the transition checks that inside its claim.
    /// </summary>
    public static IQueryable<Evaluation> Allowing(this IQueryable<Evaluation> evaluations, EduDutyDbContext db, EvaluationAction action, Actor actor, DateOnly today)
    {
        var (role, state) = action switch
        {
            EvaluationAction.Edit or EvaluationAction.DepartmentReview => (actor.IsCountyUser, EditableOnTime(today)),
            // A department's own writes: which fields is decided inside the claim (EvaluationPolicy.EditField on the owners read there).
            EvaluationAction.DepartmentEdit or EvaluationAction.DepartmentSubmit =>
                (actor.IsInRole(Roles.DepartmentOfficial) && actor.DepartmentId != null, EditableOnTime(today)),
            EvaluationAction.Submit => (actor.IsInRole(Roles.CountyLead), EditableOnTime(today)),
            EvaluationAction.Return or EvaluationAction.Approve or EvaluationAction.JudgeEvidence or EvaluationAction.VerifyScore =>
                (actor.IsInRole(Roles.Supervisor), In(EvaluationStatus.Submitted)),
            EvaluationAction.Reopen => (actor.IsInRole(Roles.Admin), In(EvaluationStatus.Approved)),
            EvaluationAction.CarryForward => (actor.IsInRole(Roles.Admin), In(EvaluationStatus.Draft)),
            EvaluationAction.SurveyFill => (actor.IsInRole(Roles.Admin), NotIn(EvaluationStatus.Approved)),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a write to one evaluation."),
        };
        return evaluations.Where(e => role).Under(e => e.County.Path, actor.RegionPath).Where(WithDeadline(db, state));
    }

    // Returned, or a draft on time: an extension not yet past, or a year deadline not yet past (the later of the two counts),
    // or no deadline at all. DeadlineState.Of says the same in Core.
    private static Expression<Func<Evaluation, DateOnly?, bool>> EditableOnTime(DateOnly today) => (e, due) =>
        e.Status == EvaluationStatus.Returned
        || (e.Status == EvaluationStatus.Draft
            && ((e.ExtendedTo != null && e.ExtendedTo >= today) || (due != null && due >= today) || (e.ExtendedTo == null && due == null)));

    private static Expression<Func<Evaluation, DateOnly?, bool>> In(EvaluationStatus status) => (e, due) => e.Status == status;

    private static Expression<Func<Evaluation, DateOnly?, bool>> NotIn(EvaluationStatus status) => (e, due) => e.Status != status;

    // The expression with its second parameter replaced by the evaluation's year deadline.
    private static Expression<Func<Evaluation, T>> WithDeadline<T>(EduDutyDbContext db, Expression<Func<Evaluation, DateOnly?, T>> expression)
    {
        var deadline = YearDeadline(db);
        var e = expression.Parameters[0];
        var due = new Substitution(deadline.Parameters[0], e).Visit(deadline.Body);
        return Expression.Lambda<Func<Evaluation, T>>(new Substitution(expression.Parameters[1], due).Visit(expression.Body), e);
    }

    private sealed class Substitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }

    /// <summary>Claims the evaluation for the action inside the caller's transaction.</summary>
    /// <returns>True when the actor holds the evaluation for this write; false when the rule refuses it now (nothing touched).</returns>
    public static async Task<bool> ClaimAsync(
        EduDutyDbContext db, EvaluationAction action, int evaluationId, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A claim holds only inside the write's transaction.");
        var stamp = now.UtcDateTime;
        return await db.Evaluations.Where(e => e.Id == evaluationId).Allowing(db, action, actor, ChinaTime.DateOf(now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.UpdatedAtUtc, stamp), cancellationToken) == 1;
    }

    /// <summary>
    /// Claims many evaluations for the action in one statement inside the caller's transaction (the drafts of a year being
    /// opened); the same rule as <see cref="ClaimAsync"/>.
    /// </summary>
    /// <returns>The evaluations the actor holds now; those the rule refuses are untouched.</returns>
    public static async Task<IReadOnlyCollection<int>> ClaimAllAsync(
        EduDutyDbContext db, EvaluationAction action, IReadOnlyCollection<int> evaluationIds, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A claim holds only inside the write's transaction.");
        var stamp = now.UtcDateTime;
        var allowed = db.Evaluations.Where(e => evaluationIds.Contains(e.Id)).Allowing(db, action, actor, ChinaTime.DateOf(now));
        var claimed = await allowed.ExecuteUpdateAsync(s => s.SetProperty(e => e.UpdatedAtUtc, stamp), cancellationToken);
        // All of them, as a year's opening expects; else which (the rows claimed are this transaction's now, so the rule still holds).
        return claimed == evaluationIds.Count ? evaluationIds : await allowed.Select(e => e.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Holds the evaluation's row for a write whose rule does not depend on its state (a county's rectification evidence, after
    /// approval): an UPDATE that changes nothing, as the audit chain locks its head. It serialises the write with every claimed
    /// one, so what it counts inside (the evidence quota) cannot move before it commits.
    /// </summary>
    public static async Task HoldAsync(EduDutyDbContext db, int evaluationId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A claim holds only inside the write's transaction.");
        await db.Evaluations.Where(e => e.Id == evaluationId).ExecuteUpdateAsync(s => s.SetProperty(e => e.UpdatedAtUtc, e => e.UpdatedAtUtc), cancellationToken);
    }

    /// <summary>
    /// Why the rule refuses the action now, decided by Core on what is stored (for a claim that failed although the page
    /// allowed it: the evaluation moved meanwhile); null when Core would allow it (the row moved and moved back).
    /// </summary>
    public static async Task<Core.Messaging.Message?> RefusalNowAsync(
        EduDutyDbContext db, EvaluationAction action, int evaluationId, Viewer viewer, DateOnly today, CancellationToken cancellationToken)
    {
        var header = await Headers(db).SingleOrDefaultAsync(e => e.Id == evaluationId, cancellationToken);
        if (header is null) return Core.Messaging.Messages.OutOfScope;
        var deadline = DeadlineState.Of(header.Status, header.YearDeadline, header.ExtendedTo, today);
        return EvaluationPolicy.Decide(action, new EvaluationFacts(header.Status, deadline), viewer).Refusal;
    }
}
