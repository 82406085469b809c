using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Pages.Evaluations.Review;

/// <summary>A reason given when returning: on an indicator (field code) or an area (area key).</summary>
public sealed record ReturnReason(string Target, string Text);

public sealed record ReviewOutcome(bool Done, string? Refusal);

/// <summary>
/// Moves an evaluation through the review (decisions in <see cref="ReviewWorkflow"/>). The state change is applied only if
/// the evaluation is still in the state the decision was made on, together with its transition record and any return
/// reasons, in one transaction.
/// </summary>
public sealed class ReviewHandler(EduDutyDbContext db, CurrentUser user, TimeProvider clock, ILogger<ReviewHandler> logger)
{
    public const int MaxReasonLength = 2000;

    /// <summary>Required inputs not entered yet, as "name（code）".</summary>
    public static IReadOnlyList<string> MissingRequired(Workspace.Workspace workspace) =>
        RequiredFields.Of(workspace.Scheme)
            .Where(f => workspace.Result[f.Code].Status == JudgmentStatus.NotEntered)
            .Select(f => $"{f.NameZh}（{f.Code}）")
            .ToList();

    public Task<ReviewOutcome> SubmitAsync(Workspace.Workspace workspace, CancellationToken cancellationToken) =>
        ApplyAsync(workspace, new TransitionRequest(ReviewAction.Submit, user.Roles.ToList(), MissingRequired: MissingRequired(workspace), PastDeadline: workspace.Deadline.BlocksDraft), [], cancellationToken);

    public Task<ReviewOutcome> ApproveAsync(Workspace.Workspace workspace, CancellationToken cancellationToken) =>
        ApplyAsync(workspace, new TransitionRequest(ReviewAction.Approve, user.Roles.ToList()), [], cancellationToken);

    public Task<ReviewOutcome> ReopenAsync(Workspace.Workspace workspace, string? reason, CancellationToken cancellationToken) =>
        ApplyAsync(workspace, new TransitionRequest(ReviewAction.Reopen, user.Roles.ToList(), Trim(reason)), [], cancellationToken);

    public Task<ReviewOutcome> ReturnAsync(Workspace.Workspace workspace, IReadOnlyList<ReturnReason> reasons, CancellationToken cancellationToken)
    {
        var given = reasons.Where(r => !string.IsNullOrWhiteSpace(r.Text)).Select(r => r with { Target = r.Target.Trim(), Text = r.Text.Trim() }).ToList();
        foreach (var reason in given)
        {
            if (reason.Text.Length > MaxReasonLength) return Refuse($"理由最多 {MaxReasonLength} 个字符，请精简。");
            if (workspace.Scheme.FindField(reason.Target) is null && workspace.Scheme.FindArea(reason.Target) is null)
                return Refuse($"“{reason.Target}”不是本方案的指标代码或领域，请选择理由针对的指标或领域。");
        }

        var request = new TransitionRequest(ReviewAction.Return, user.Roles.ToList(), string.Join("；", given.Select(r => r.Text)), given.Count);
        return ApplyAsync(workspace, request, given, cancellationToken);
    }

    private async Task<ReviewOutcome> ApplyAsync(
        Workspace.Workspace workspace, TransitionRequest request, IReadOnlyList<ReturnReason> reasons, CancellationToken cancellationToken)
    {
        var decision = ReviewWorkflow.Decide(workspace.Status, request);
        if (decision.To is not { } to)
        {
            logger.LogWarning("Refused {Action} of evaluation {Id} ({Status}) by {User}: {Why}", request.Action, workspace.Id, workspace.Status, user.Id, decision.Refusal);
            return new ReviewOutcome(false, decision.Refusal);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var role = request.ActorRoles.FirstOrDefault(r => r is Core.Security.Roles.CountyLead or Core.Security.Roles.Supervisor or Core.Security.Roles.Admin) ?? string.Empty;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var from = workspace.Status;
        var moved = await db.Evaluations
            .Where(e => e.Id == workspace.Id && e.Status == from)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, to)
                .SetProperty(e => e.UpdatedAtUtc, now)
                .SetProperty(e => e.SubmittedAtUtc, e => to == EvaluationStatus.Submitted ? now : e.SubmittedAtUtc), cancellationToken);
        if (moved != 1) return new ReviewOutcome(false, "评价状态刚刚已被他人更改，请刷新页面后查看最新状态。");

        db.EvaluationTransitions.Add(new EvaluationTransition
        {
            EvaluationId = workspace.Id, Action = request.Action, From = from, To = to, UserId = user.Id,
            UserDisplayName = user.DisplayName, UserRole = role, AtUtc = now, Reason = request.Reason,
        });
        foreach (var reason in reasons)
        {
            db.ReviewComments.Add(new ReviewComment
            {
                EvaluationId = workspace.Id,
                TargetKind = workspace.Scheme.FindField(reason.Target) is not null ? CommentTarget.Indicator : CommentTarget.Area,
                Target = reason.Target, Text = reason.Text, AuthorId = user.Id, AuthorDisplayName = user.DisplayName,
                AuthorRole = role, AtUtc = now, IsReturnReason = true,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Evaluation {Id}: {Action} {From} → {To} by {User}", workspace.Id, request.Action, from, to, user.Id);
        return new ReviewOutcome(true, null);
    }

    /// <summary>Sets the deadline of the evaluation's scheme year (all counties), or this county's extension. Admins only.</summary>
    public async Task<ReviewOutcome> SetDeadlineAsync(Workspace.Workspace workspace, DateOnly? yearDeadline, DateOnly? extension, bool extend, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Core.Security.Roles.Admin)) return new ReviewOutcome(false, "只有管理员可以设置截止日期。");
        var now = clock.GetUtcNow().UtcDateTime;
        var schemeId = await db.Evaluations.Where(e => e.Id == workspace.Id).Select(e => e.SchemeId).SingleAsync(cancellationToken);
        if (extend)
        {
            var before = await db.Evaluations.Where(e => e.Id == workspace.Id).Select(e => e.ExtendedTo).SingleAsync(cancellationToken);
            await db.Evaluations.Where(e => e.Id == workspace.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ExtendedTo, extension), cancellationToken);
            AdminAudit("延期", $"{workspace.County} {workspace.Year}年", Day(before), Day(extension), now);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Evaluation {Id}: extension set to {Date} by {User}", workspace.Id, extension, user.Id);
            return new ReviewOutcome(true, null);
        }

        if (yearDeadline is not { } due) return new ReviewOutcome(false, "请选择截止日期。");
        var deadline = await db.Deadlines.SingleOrDefaultAsync(d => d.SchemeId == schemeId && d.Year == workspace.Year, cancellationToken);
        if (deadline is null) db.Deadlines.Add(deadline = new EvaluationDeadline { SchemeId = schemeId, Year = workspace.Year });
        AdminAudit("设置截止日期", $"{workspace.Year}年 方案 {schemeId}", deadline.Id == 0 ? null : Day(deadline.DueDate), Day(due), now);
        deadline.DueDate = due;
        deadline.UpdatedAtUtc = now;
        deadline.UpdatedByUserId = user.Id;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Deadline of {Year} (scheme {Scheme}) set to {Date} by {User}", workspace.Year, schemeId, due, user.Id);
        return new ReviewOutcome(true, null);
    }

    private void AdminAudit(string action, string target, string? before, string? after, DateTime now) =>
        db.AdminAuditEntries.Add(new AdminAuditEntry
        {
            UserId = user.Id, UserDisplayName = user.DisplayName, AtUtc = now, Action = action, Target = target, Before = before, After = after,
        });

    private static string? Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The reasons of the latest return, for the county to see at the top of its pages and beside the fields.</summary>
    public async Task<IReadOnlyList<ReviewComment>> OpenReturnReasonsAsync(int evaluationId, CancellationToken cancellationToken)
    {
        var lastReturn = await db.EvaluationTransitions.AsNoTracking()
            .Where(t => t.EvaluationId == evaluationId && t.Action == ReviewAction.Return)
            .OrderByDescending(t => t.Id).Select(t => (DateTime?)t.AtUtc).FirstOrDefaultAsync(cancellationToken);
        if (lastReturn is null) return [];
        return await db.ReviewComments.AsNoTracking()
            .Where(c => c.EvaluationId == evaluationId && c.IsReturnReason && c.AtUtc == lastReturn && !c.IsResolved)
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
    }

    private static Task<ReviewOutcome> Refuse(string why) => Task.FromResult(new ReviewOutcome(false, why));

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
