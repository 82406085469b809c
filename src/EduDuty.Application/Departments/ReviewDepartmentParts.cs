using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Application.Notifications;
using EduDuty.Core.Departments;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Departments;

/// <summary>
/// The county's decision on one submitted field of a department (审核部门报送): accept it (采纳) or return it (退回) with a
/// reason. <paramref name="SeenVersion"/> is the state's version the page showed (null: whatever is submitted now).
/// </summary>
public sealed record PartDecision(string Code, bool Accept, string? Reason = null, int? SeenVersion = null);

/// <summary>What a review stored: how many fields were accepted and returned.</summary>
public sealed record PartsReviewed(int Accepted, int Returned);

/// <summary>
/// A county user accepts or returns its departments' submitted fields (issue 30, part C), through the guarded write path with
/// the action <see cref="EvaluationAction.DepartmentReview"/>: decided by Core, claimed in SQL, and inside the claim each field
/// must still be submitted by the department that owns it now, at the version the page showed — else nothing at all is
/// written and the answer names the field. Each decision is audited (<see cref="AuditKind.DepartmentPart"/>), and each
/// department's users are told in the same transaction what was accepted and what returned with which reasons. An accepted
/// field locks for the department (<see cref="EvaluationPolicy.EditField"/>); the county may still change it.
/// </summary>
public sealed class ReviewDepartmentParts(ContentWriter content, Inbox inbox)
{
    public async Task<Outcome<PartsReviewed>> HandleAsync(Workspace workspace, Actor actor, IReadOnlyList<PartDecision> decisions, CancellationToken cancellationToken)
    {
        // Who may, before what was typed: a supervisor's post is refused as such, not as a form to correct.
        if (EvaluationPolicy.DepartmentReview(workspace.Facts, workspace.Viewer) is { Allowed: false, Refusal: { } refusal }) return Outcome.Refused(refusal);
        if (Check(workspace, decisions) is { } invalid) return invalid;
        var given = decisions.Select(d => d with { Code = d.Code.Trim(), Reason = string.IsNullOrWhiteSpace(d.Reason) ? null : d.Reason.Trim() })
            .DistinctBy(d => d.Code).ToList();

        return await WriteAsync(workspace, actor, _ => given, cancellationToken);
    }

    /// <summary>
    /// 全部采纳: accepts every field of the department that is submitted now at the version the page showed
    /// (<paramref name="seen"/>, by code); one sent since the page was loaded waits for the next look.
    /// </summary>
    public Task<Outcome<PartsReviewed>> AcceptAllAsync(Workspace workspace, Actor actor, int departmentId, IReadOnlyDictionary<string, int> seen, CancellationToken cancellationToken) =>
        WriteAsync(workspace, actor, parts => parts.Owners.Values
            .Where(o => o.DepartmentId == departmentId && o.Status == DepartmentFieldStatus.Submitted && seen.ContainsKey(o.Code))
            .Select(o => new PartDecision(o.Code, Accept: true, SeenVersion: seen[o.Code])).ToList(), cancellationToken);

    private async Task<Outcome<PartsReviewed>> WriteAsync(
        Workspace workspace, Actor actor, Func<DepartmentPartsView, IReadOnlyList<PartDecision>> decide, CancellationToken cancellationToken)
    {
        var write = await content.WriteAsync(EvaluationAction.DepartmentReview, workspace, actor, AuditSource.Review,
            (scope, ct) => ApplyAsync(scope, workspace, decide, ct), cancellationToken);
        return write.Status switch
        {
            ContentWriteStatus.Written or ContentWriteStatus.NotWritten => write.Value!,
            ContentWriteStatus.Conflict => Outcome.Conflict(Messages.ChangedMeanwhile),
            _ => Outcome.Refused(write.Reason!),
        };
    }

    // Bad input is answered before anything is claimed: a field of this scheme that is entered, a reason for each return, at most 500 characters.
    private static Outcome<PartsReviewed>? Check(Workspace workspace, IReadOnlyList<PartDecision> decisions)
    {
        if (decisions.Count == 0) return Outcome.Invalid(Messages.NothingToReview);
        foreach (var decision in decisions)
        {
            var field = workspace.Scheme.FindField(decision.Code.Trim());
            if (field is null || !field.Kind.IsInput()) return Outcome.Invalid(decision.Code, Messages.UnknownReviewField(decision.Code));
            if (decision.Accept) continue;
            if (decision.Reason is not { } reason || string.IsNullOrWhiteSpace(reason)) return Outcome.Invalid(field.Code, Messages.DepartmentReturnNeedsReason(field.NameZh));
            if (ReasonText.Check(reason.Trim(), $"“{field.NameZh}”的退回理由", Messages.DepartmentReturnReasonMax) is not null)
                return Outcome.Invalid(field.Code, Messages.DepartmentReturnReasonInvalid(field.NameZh));
        }

        return null;
    }

    private async Task<(Outcome<PartsReviewed>, bool)> ApplyAsync(
        ContentScope scope, Workspace workspace, Func<DepartmentPartsView, IReadOnlyList<PartDecision>> decide, CancellationToken cancellationToken)
    {
        var db = scope.Db;
        // Inside the claim: who owns each field now and where it stands, from what is stored.
        var parts = await DepartmentParts.LoadAsync(db, workspace.Id, workspace.CountyId, workspace.Scheme, new HashSet<string>(), cancellationToken);
        var decisions = decide(parts);
        if (decisions.Count == 0) return (Outcome.Conflict(Messages.NothingSubmittedNow), false);
        var codes = decisions.Select(d => d.Code).ToList();
        var rows = await db.DepartmentFieldStates.Where(s => s.EvaluationId == workspace.Id && codes.Contains(s.FieldCode))
            .ToDictionaryAsync(s => s.FieldCode, StringComparer.Ordinal, cancellationToken);
        foreach (var decision in decisions)
        {
            var owner = parts.Owners.GetValueOrDefault(decision.Code);
            var row = rows.GetValueOrDefault(decision.Code);
            if (owner is not { Status: DepartmentFieldStatus.Submitted, DepartmentId: { } } || row is null
                || (decision.SeenVersion is { } seen && seen != row.Version))
                return (Outcome.Conflict(Messages.NotAwaitingReview(workspace.Scheme.FindField(decision.Code)!.NameZh)), false);
        }

        var told = new List<(int Department, PartDecision Decision)>();
        foreach (var decision in decisions)
        {
            var row = rows[decision.Code];
            var before = row.Status;
            row.Status = decision.Accept ? DepartmentFieldStatus.Accepted : DepartmentFieldStatus.Returned;
            row.Reason = decision.Accept ? null : decision.Reason;
            row.AtUtc = scope.NowUtc;
            row.ByUserId = scope.Actor.Id;
            row.ByName = scope.Actor.RecordedName;
            row.Version++;
            scope.Audit(AuditKind.DepartmentPart, decision.Code, before.DisplayName(),
                decision.Accept ? row.Status.DisplayName() : $"{row.Status.DisplayName()}：{decision.Reason}");
            told.Add((row.DepartmentId, decision));
        }

        var name = $"{workspace.County} {workspace.Year}年度评价";
        foreach (var group in told.GroupBy(t => t.Department))
        {
            var users = await inbox.DepartmentUsersAsync(group.Key, cancellationToken);
            var returned = group.Where(g => !g.Decision.Accept).Select(g => g.Decision).ToList();
            var accepted = group.Count(g => g.Decision.Accept);
            var key = $"DepartmentReview:{workspace.Id}:{group.Key}:{scope.NowUtc.Ticks}";
            if (returned.Count > 0)
            {
                var reasons = string.Join("；", returned.Select(r => $"{workspace.Scheme.FindField(r.Code)!.NameZh}（{r.Reason}）"));
                inbox.Add(users, scope.Actor.Id, NotificationKind.Department, Messages.DepartmentReturnedNotice(name, workspace.County, returned.Count, reasons),
                    DepartmentPageOf(workspace.Id), key + ":returned");
            }

            if (accepted > 0)
                inbox.Add(users, scope.Actor.Id, NotificationKind.Department, Messages.DepartmentAcceptedNotice(name, workspace.County, accepted), DepartmentPageOf(workspace.Id), key + ":accepted");
        }

        var result = new PartsReviewed(decisions.Count(d => d.Accept), decisions.Count(d => !d.Accept));
        var note = (result.Accepted, result.Returned) switch
        {
            (> 0, > 0) => $"已采纳 {result.Accepted} 项，退回 {result.Returned} 项，部门已收到通知。",
            (> 0, _) => $"已采纳 {result.Accepted} 项，这些数据对部门已锁定，部门已收到通知。",
            _ => $"已退回 {result.Returned} 项，部门已收到通知和理由。",
        };
        return (Outcome.Done(result, note), true);
    }

    /// <summary>
    /// The department's own page of the evaluation (本部门填报), where its users read what was decided. There is no page at
    /// <c>/Departments</c> alone: a notice linking there opened a 404.
    /// </summary>
    public static string DepartmentPageOf(int evaluationId) => $"/Departments/{evaluationId}";
}
