using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Messaging;
using EduDuty.Core.Text;
using EduDuty.Core.Review;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Evaluations.Review;

/// <summary>A reason given when returning: on an indicator (field code) or an area (area key).</summary>
public sealed record ReturnReason(string Target, string Text);

/// <summary>
/// Moves an evaluation through the review (decisions in <see cref="ReviewWorkflow"/> and <see cref="EvaluationPolicy"/>).
/// Inside one transaction the evaluation is claimed with the step's rule in SQL (<see cref="EvaluationClaim"/>), the same
/// row every write to it claims, so a save, a verdict or a score decision running at the same moment commits before the step
/// or is refused after it; what the step needs beyond the rule (every required figure, the open threads) is decided again
/// on what is stored then; the state moves only from the state the page showed, with its transition record, return
/// reasons, rectification tasks and notifications. A database error is logged with its cause and changes nothing.
/// </summary>
public sealed class ReviewTransitions(EduDutyDbContext db, Writes.WriteExecutor executor, Notifications.Inbox inbox, Rectification.RectificationTasks rectification, Reports.Editions.ReportEditions editions, TimeProvider clock, ILogger<ReviewTransitions> logger,
    Report.ReportPage reports)
{
    public const int MaxReasonLength = 2000;

    /// <param name="confirmed">The lead ticked that the failing indicators were looked at (the page asks before submitting).</param>
    public Task<Outcome<Unit>> SubmitAsync(Workspace workspace, Actor actor, bool confirmed, CancellationToken cancellationToken) =>
        SubmitAsync(workspace, actor, confirmed, overLengthConfirmed: false, cancellationToken);

    /// <param name="overLengthConfirmed">The lead ticked "正文超过字数上限，仍然提交" (asked only when the body is over the scheme's limit).</param>
    public Task<Outcome<Unit>> SubmitAsync(Workspace workspace, Actor actor, bool confirmed, bool overLengthConfirmed, CancellationToken cancellationToken) =>
        SubmitAsync(workspace, actor, confirmed, overLengthConfirmed, warningsConfirmed: false, cancellationToken);

    /// <param name="warningsConfirmed">The lead ticked "以上数据提示已核对，确属实，仍然提交" (asked only when data warnings are open).</param>
    public Task<Outcome<Unit>> SubmitAsync(
        Workspace workspace, Actor actor, bool confirmed, bool overLengthConfirmed, bool warningsConfirmed, CancellationToken cancellationToken) =>
        SubmitAsync(workspace, actor, confirmed, overLengthConfirmed, warningsConfirmed, warningsSeen: null, cancellationToken);

    /// <param name="warningsSeen">The page's <see cref="Core.Rules.EvaluationResult.PlausibilityWarningsToken"/> for the warnings it listed beside
    /// the tick; when given and not the current one, the tick is for another list and the submission asks again. Null: the tick alone.</param>
    public Task<Outcome<Unit>> SubmitAsync(
        Workspace workspace, Actor actor, bool confirmed, bool overLengthConfirmed, bool warningsConfirmed, string? warningsSeen, CancellationToken cancellationToken) =>
        SubmitAsync(workspace, actor, new SubmitAnswers(confirmed, overLengthConfirmed, warningsConfirmed, warningsSeen), cancellationToken);

    /// <param name="answers">The lead's ticks and, with departments not accepted yet (issue 30), the extra tick and its reason.</param>
    public async Task<Outcome<Unit>> SubmitAsync(Workspace workspace, Actor actor, SubmitAnswers answers, CancellationToken cancellationToken)
    {
        var (confirmed, overLengthConfirmed, warningsConfirmed, warningsSeen) = (answers.Confirmed, answers.OverLengthConfirmed, answers.WarningsConfirmed, answers.WarningsSeen);
        var departmentsReason = string.IsNullOrWhiteSpace(answers.DepartmentsReason) ? null : answers.DepartmentsReason.Trim();
        if (ReasonText.Check(departmentsReason, Messages.DepartmentsPendingReasonName, Messages.DepartmentsPendingReasonMax) is { } badReason)
            return Outcome.Invalid("DepartmentsReason", badReason);
        // The report's length from what is stored when the request is handled (decision 0032): a warning, so not decided again in the claim.
        var length = await reports.LimitedLengthAsync(workspace, cancellationToken);
        var note = length is { IsOver: true } && overLengthConfirmed ? length.ConfirmedOverNote : null; // kept with the transition
        // The data warnings of the figures the page was loaded with (decision 0036): a question, like the length, not decided again in the claim.
        var warnings = workspace.Result.PlausibilityWarnings.Count;
        if (warnings > 0 && warningsConfirmed) note = string.Join("；", new[] { note, Messages.WarningsConfirmedNote(warnings) }.OfType<string>());
        var request = new TransitionRequest(ReviewAction.Submit, note, Confirmed: confirmed)
        {
            Length = length, OverLengthConfirmed = overLengthConfirmed, OpenWarnings = warnings, WarningsConfirmed = warningsConfirmed,
            WarningsChanged = warningsSeen is not null && warningsSeen != workspace.Result.PlausibilityWarningsToken,
            // The departments' parts as stored now (decided again inside the claim): nothing to ask in a county without departments.
            PendingDepartments = (await Departments.DepartmentParts.LoadAsync(db, workspace, cancellationToken)).Pending.Count,
            DepartmentsConfirmed = answers.DepartmentsConfirmed, DepartmentsReason = departmentsReason,
        };
        return await ApplyAsync(workspace, actor, request, [], cancellationToken);
    }

    /// <param name="opinion">The reviewer's opinion (审核意见): shown to the county and kept with the transition.</param>
    /// <param name="despiteOpenThreads">The reviewer ticked "仍然审核通过" although comment threads are still open.</param>
    /// <param name="requirements">The reviewer's 整改意见, one per line: each becomes a rectification task beside the report's problems.</param>
    public async Task<Outcome<Unit>> ApproveAsync(Workspace workspace, Actor actor, string? opinion, bool despiteOpenThreads, string? requirements, CancellationToken cancellationToken)
    {
        if (ReasonText.Check(opinion, "审核意见", MaxReasonLength) is { } badOpinion) return Outcome.Invalid(badOpinion);
        if (Core.Rectification.RectificationRules.CheckRequirements(requirements) is { } wrong) return Outcome.Invalid("Requirements", wrong);
        var open = await OpenThreadCountAsync(workspace.Id, cancellationToken);
        var tasks = await rectification.PlanAsync(workspace, requirements, cancellationToken);
        return await ApplyAsync(workspace, actor,
            new TransitionRequest(ReviewAction.Approve, Trim(opinion), Confirmed: despiteOpenThreads, OpenThreads: open), [], cancellationToken, tasks);
    }

    // Who hears of a step: the supervisors of the county when it is submitted; the county's users when it comes back to them
    // (returned, reopened) or is approved. Saved with the step itself.
    private async Task NotifyAsync(Workspace workspace, Actor actor, TransitionRequest request, DateTime now, CancellationToken cancellationToken)
    {
        var name = $"{workspace.County} {workspace.Year}年度评价";
        var why = string.IsNullOrWhiteSpace(request.Reason) ? string.Empty : $"：{request.Reason}";
        var (recipients, kind, text) = request.Action switch
        {
            ReviewAction.Submit => (await inbox.SupervisorsAsync(workspace.CountyPath, cancellationToken), NotificationKind.Submitted, $"{name}已由{actor.DisplayName}提交，待您审核。"),
            ReviewAction.Return => (await inbox.CountyUsersAsync(workspace.CountyPath, cancellationToken), NotificationKind.Returned, $"{name}已被{actor.DisplayName}退回修改{why}"),
            ReviewAction.Approve => (await inbox.CountyUsersAsync(workspace.CountyPath, cancellationToken), NotificationKind.Approved, $"{name}已由{actor.DisplayName}审核通过。审核意见{why}"),
            _ => (await inbox.CountyUsersAsync(workspace.CountyPath, cancellationToken), NotificationKind.Reopened, $"{name}已由管理员{actor.DisplayName}重新开启{why}"),
        };
        inbox.Add(recipients, actor.Id, kind, text, $"/Evaluations/{workspace.Id}", $"{request.Action}:{workspace.Id}:{now.Ticks}");
    }

    /// <summary>Comment threads not resolved yet: approving over them needs a tick.</summary>
    public Task<int> OpenThreadCountAsync(int evaluationId, CancellationToken cancellationToken) =>
        db.ReviewComments.CountAsync(c => c.EvaluationId == evaluationId && c.ParentId == null && !c.IsResolved, cancellationToken);

    public Task<Outcome<Unit>> ReopenAsync(Workspace workspace, Actor actor, string? reason, CancellationToken cancellationToken) =>
        ReasonText.Check(reason, "理由", MaxReasonLength) is { } bad
            ? Task.FromResult<Outcome<Unit>>(Outcome.Invalid(bad))
            : ApplyAsync(workspace, actor, new TransitionRequest(ReviewAction.Reopen, Trim(reason)), [], cancellationToken);

    public Task<Outcome<Unit>> ReturnAsync(Workspace workspace, Actor actor, IReadOnlyList<ReturnReason> reasons, CancellationToken cancellationToken)
    {
        // Rows without a text are the form's spare rows and are ignored; a row with a text names its target, and a problem names its row.
        var rows = reasons.Select((r, i) => (Number: i + 1, Reason: r with { Target = r.Target.Trim(), Text = r.Text.Trim() }))
            .Where(r => r.Reason.Text.Length > 0).ToList();
        foreach (var (number, reason) in rows)
        {
            if (ReasonText.Check(reason.Text, $"第 {number} 条理由", MaxReasonLength) is { } bad) return Task.FromResult<Outcome<Unit>>(Outcome.Invalid(bad));
            if (reason.Target.Length == 0) return Task.FromResult<Outcome<Unit>>(Outcome.Invalid(Messages.ReasonWithoutTarget(number)));
            if (workspace.Scheme.FindField(reason.Target) is null && workspace.Scheme.FindArea(reason.Target) is null)
                return Task.FromResult<Outcome<Unit>>(Outcome.Invalid(Messages.UnknownTarget(reason.Target)));
        }

        var given = rows.Select(r => r.Reason).ToList();

        var request = new TransitionRequest(ReviewAction.Return, string.Join("；", given.Select(r => r.Text)), given.Count);
        return ApplyAsync(workspace, actor, request, given, cancellationToken);
    }

    private async Task<Outcome<Unit>> ApplyAsync(
        Workspace workspace, Actor actor, TransitionRequest request, IReadOnlyList<ReturnReason> reasons, CancellationToken cancellationToken,
        IReadOnlyList<Core.Rectification.PlannedTask>? tasks = null)
    {
        var decision = ReviewWorkflow.Decide(workspace.Facts, workspace.Viewer, request);
        if (decision.To is not { } to) return Refuse(workspace, actor, request, decision.Refusal!);
        return await executor.ExecuteAsync($"{request.Action} of evaluation {workspace.Id} by {actor.Id}",
            (_, ct) => MoveAsync(workspace, actor, request, to, reasons, tasks, ct), cancellationToken);
    }

    // The step in the executor's transaction (saved and committed when done, else rolled back): claimed with its rule, decided again on what is stored, the state moved, recorded, told.
    private async Task<Outcome<Unit>> MoveAsync(
        Workspace workspace, Actor actor, TransitionRequest request, EvaluationStatus to, IReadOnlyList<ReturnReason> reasons,
        IReadOnlyList<Core.Rectification.PlannedTask>? tasks, CancellationToken cancellationToken)
    {
        var action = request.Action switch
        {
            ReviewAction.Submit => EvaluationAction.Submit,
            ReviewAction.Return => EvaluationAction.Return,
            ReviewAction.Approve => EvaluationAction.Approve,
            _ => EvaluationAction.Reopen,
        };
        // The step's rule in SQL, on the row every write to the evaluation claims: a verdict, a score decision or a county's
        // save either committed before this (and is part of what is approved or submitted) or finds the new state and is refused.
        if (!await EvaluationClaim.ClaimAsync(db, action, workspace.Id, actor, clock.GetUtcNow(), cancellationToken))
        {
            var now = await EvaluationClaim.RefusalNowAsync(db, action, workspace.Id, workspace.Viewer, Core.Text.ChinaTime.Today(clock), cancellationToken);
            return Refuse(workspace, actor, request, now ?? Messages.StatusMoved);
        }

        // Inside the claim nothing else can change the figures or the state: what the step needs beyond the rule is decided again
        // on what is stored now (the required figures for a submission, the open threads for an approval).
        var facts = workspace.Facts;
        if (request.Action == ReviewAction.Submit)
        {
            facts = facts with { MissingRequired = await MissingRequiredAsync(workspace, cancellationToken) };
            // The departments not accepted, on what is stored inside the claim (an acceptance that committed a moment ago counts),
            // named with the lead's reason on the transition.
            var pending = (await Departments.DepartmentParts.LoadAsync(db, workspace.Id, workspace.CountyId, workspace.Scheme, new HashSet<string>(), cancellationToken)).Pending;
            request = request with
            {
                PendingDepartments = pending.Count,
                Reason = pending.Count == 0 || request.DepartmentsReason is null ? request.Reason : Note(request.Reason,
                    Messages.DepartmentsPendingNote(pending.Select(p => $"{p.Name} {p.NotAccepted} 项").ToList(), request.DepartmentsReason)),
            };
        }

        if (request.Action == ReviewAction.Approve) request = request with { OpenThreads = await OpenThreadCountAsync(workspace.Id, cancellationToken) };
        if (ReviewWorkflow.Decide(facts, workspace.Viewer, request).Refusal is { } refusal)
        {
            return Refuse(workspace, actor, request, refusal);
        }

        // Timed once the claim is held: a write that this step waited for is recorded before it.
        var at = clock.GetUtcNow().UtcDateTime;
        var from = workspace.Status;
        var moved = await db.Evaluations
            .Where(e => e.Id == workspace.Id && e.Status == from)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, to)
                .SetProperty(e => e.UpdatedAtUtc, at)
                .SetProperty(e => e.SubmittedAtUtc, e => to == EvaluationStatus.Submitted ? at : e.SubmittedAtUtc), cancellationToken);
        if (moved != 1)
        {
            // Allowed now, but from another state than the page showed (returned and resubmitted meanwhile): let the user look first.
            logger.LogWarning("{Action} of evaluation {Id} by {User}: the state moved from {Status} meanwhile", request.Action, workspace.Id, actor.Id, workspace.Status);
            return Outcome.Conflict(Messages.StatusMoved);
        }

        db.EvaluationTransitions.Add(new EvaluationTransition
        {
            EvaluationId = workspace.Id, Action = request.Action, From = from, To = to, UserId = actor.Id,
            UserDisplayName = actor.RecordedName, UserRole = actor.PrimaryRole, AtUtc = at, Reason = request.Reason,
        });
        foreach (var reason in reasons)
        {
            db.ReviewComments.Add(new ReviewComment
            {
                EvaluationId = workspace.Id,
                TargetKind = workspace.Scheme.FindField(reason.Target) is not null ? CommentTarget.Indicator : CommentTarget.Area,
                Target = reason.Target, Text = reason.Text, AuthorId = actor.Id, AuthorDisplayName = actor.DisplayName,
                AuthorRole = actor.PrimaryRole, AtUtc = at, IsReturnReason = true,
            });
        }

        // The report as it is now, frozen with the step (decision 0030): a rendering that fails rolls the step back.
        if (request.Action is ReviewAction.Submit or ReviewAction.Approve)
        {
            var frozen = request.Action == ReviewAction.Submit
                ? await editions.FreezeSubmissionAsync(workspace.Id, actor, at, cancellationToken)
                : await editions.FreezeApprovalAsync(workspace.Id, actor, request.Reason, at, cancellationToken);
            if (!frozen.IsDone) return Refuse(workspace, actor, request, frozen.Reason!);
        }

        if (tasks is not null) await rectification.AddAsync(workspace.Id, tasks, at, cancellationToken); // with the approval, or not at all
        await NotifyAsync(workspace, actor, request, at, cancellationToken);
        logger.LogInformation("Evaluation {Id}: {Action} {From} → {To} by {User}", workspace.Id, request.Action, from, to, actor.Id);
        return Outcome.Done();
    }

    private Outcome<Unit> Refuse(Workspace workspace, Actor actor, TransitionRequest request, Message why)
    {
        logger.LogWarning("Refused {Action} of evaluation {Id} ({Status}) by {User}: {Why}", request.Action, workspace.Id, workspace.Status, actor.Id, why.Code);
        return Outcome.Refused(why);
    }

    // The required figures not entered, from what is stored now.
    private async Task<IReadOnlyList<string>> MissingRequiredAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var rows = await db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == workspace.Id).ToListAsync(cancellationToken);
        return WorkspaceLoader.MissingRequired(Core.Rules.RuleEngine.For(workspace.Scheme).Evaluate(rows.ToValues()));
    }

    /// <summary>The reasons of the latest return, for the county to see at the top of its pages and beside the fields.</summary>
    public async Task<IReadOnlyList<ReviewComment>> OpenReturnReasonsAsync(Workspace workspace, CancellationToken cancellationToken) =>
        workspace.Status != EvaluationStatus.Returned ? [] : await OpenReturnReasonsAsync(workspace, await LastStepAsync(workspace.Id, cancellationToken), cancellationToken);

    /// <summary>The same, with the latest review step already read (a page's header query).</summary>
    public async Task<IReadOnlyList<ReviewComment>> OpenReturnReasonsAsync(Workspace workspace, EvaluationTransition? last, CancellationToken cancellationToken)
    {
        if (workspace.Status != EvaluationStatus.Returned) return [];
        // Only when a return is what put the evaluation back in the county's hands: after an admin's reopening, the old
        // supervisor reasons are history, and the reopening's own reason is shown instead (LastStepAsync).
        if (last is not { Action: ReviewAction.Return }) return [];
        var lastReturn = last.AtUtc;
        return await db.ReviewComments.AsNoTracking()
            .Where(c => c.EvaluationId == workspace.Id && c.IsReturnReason && c.AtUtc == lastReturn && !c.IsResolved)
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The same rule on the evaluation's comments already read (the area page reads them all for its threads).</summary>
    public static IReadOnlyList<ReviewComment> OpenReturnReasons(EvaluationStatus status, EvaluationTransition? last, IEnumerable<ReviewComment> comments) =>
        status == EvaluationStatus.Returned && last is { Action: ReviewAction.Return }
            ? comments.Where(c => c.IsReturnReason && c.AtUtc == last.AtUtc && !c.IsResolved).OrderBy(c => c.Id).ToList()
            : [];

    /// <summary>
    /// The latest review step and the open thread count as columns of a page's header query (<see cref="WorkspacePageLoader"/>):
    /// the same as <see cref="LastStepAsync"/> and <see cref="OpenThreadCountAsync"/>.
    /// </summary>
    internal System.Linq.Expressions.Expression<Func<Content.EvaluationHeader, ReviewFacts>> Facts() => h => new ReviewFacts
    {
        LastStep = db.EvaluationTransitions.Where(t => t.EvaluationId == h.Id).OrderByDescending(t => t.Id).FirstOrDefault(),
        OpenThreads = db.ReviewComments.Count(c => c.EvaluationId == h.Id && c.ParentId == null && !c.IsResolved),
    };

    /// <summary>The latest review step of the evaluation, or null before the first submission.</summary>
    public Task<EvaluationTransition?> LastStepAsync(int evaluationId, CancellationToken cancellationToken) =>
        db.EvaluationTransitions.AsNoTracking().Where(t => t.EvaluationId == evaluationId).OrderByDescending(t => t.Id).FirstOrDefaultAsync(cancellationToken);

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // Notes kept with one transition, joined; within the transition's reason column.
    private static string Note(string? first, string second)
    {
        var joined = string.Join("；", new[] { first, second }.OfType<string>());
        return joined.Length <= MaxReasonLength ? joined : joined[..(MaxReasonLength - 1)] + "…";
    }
}

/// <summary>
/// What the lead answered on the submit form: the failing indicators looked at, a body over the length limit, the data warnings
/// (with the list the page showed), and — with departments not accepted yet (issue 30) — the extra tick and its reason.
/// </summary>
public sealed record SubmitAnswers(bool Confirmed, bool OverLengthConfirmed = false, bool WarningsConfirmed = false, string? WarningsSeen = null)
{
    public bool DepartmentsConfirmed { get; init; }

    public string? DepartmentsReason { get; init; }
}

/// <summary>The latest review step and the comment threads not resolved yet, as a page's header query reads them.</summary>
public sealed class ReviewFacts
{
    public EvaluationTransition? LastStep { get; init; }

    public int OpenThreads { get; init; }
}
