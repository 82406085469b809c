using EduDuty.Application.Evaluations.Content;
using EduDuty.Application.Notifications;
using EduDuty.Core.Departments;
using EduDuty.Core.Figures;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Departments;

/// <summary>What 报送 sent: how many fields, how many of them empty, and when.</summary>
public sealed record DepartmentSubmitted(int Sent, int Empty, DateTime AtUtc);

/// <summary>
/// 报送 (issue 30, decision 0054): a department sends every field of its part that is still with it (待填 or 已退回) to the
/// county. Through the write executor with the action <see cref="EvaluationAction.DepartmentSubmit"/> and its claim on the
/// evaluation row, so a save of the same department's fields either commits before it (and is sent) or waits for it and is
/// then refused by the per-field rule (已报送): no field changes after it is submitted. Inside the claim the fields to send
/// and their values are read again; empty ones must be among those the user confirmed (以下 N 项尚未填写，确认报送？).
/// Each field's state row becomes 已报送 and is audited; the county's officials and lead are told.
/// </summary>
public sealed class SubmitDepartmentPart(ContentWriter content, Inbox inbox)
{
    /// <param name="confirmedEmpty">The empty fields the page listed and the user confirmed sending as they are.</param>
    public async Task<Outcome<DepartmentSubmitted>> HandleAsync(
        DepartmentDesk desk, IReadOnlyCollection<string> confirmedEmpty, Actor actor, CancellationToken cancellationToken)
    {
        var workspace = desk.Workspace;
        var permission = EvaluationPolicy.DepartmentSubmit(workspace.Facts, workspace.Viewer);
        if (!permission.Allowed) return Outcome.Refused(permission.Refusal!);
        // Decided first on what the page read, so the question comes before any claim; decided again inside it.
        if (Problem(desk.Sendable.Count, desk.SendableEmpty, confirmedEmpty) is { } early) return Outcome.Refused(early);

        var countyUsers = await inbox.CountyUsersAsync(workspace.CountyPath, cancellationToken);
        var write = await content.WriteAsync(EvaluationAction.DepartmentSubmit, workspace, actor, AuditSource.Department, async (scope, ct) =>
        {
            var db = scope.Db;
            var owners = await FieldOwners.LoadAsync(db, workspace.Id, workspace.CountyId, workspace.Scheme, ct);
            var sendable = DepartmentWork.FieldsOf(workspace.Scheme, owners, desk.DepartmentId)
                .Where(f => DepartmentWork.Sendable(owners[f.Code], desk.DepartmentId)).ToList();
            var codes = sendable.Select(f => f.Code).ToList();
            var stored = await db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == workspace.Id && codes.Contains(f.FieldCode)).ToListAsync(ct);
            var filled = stored.Where(r => r.ToValue() is not null).Select(r => r.FieldCode).ToHashSet(StringComparer.Ordinal);
            var empty = sendable.Where(f => !filled.Contains(f.Code)).ToList();
            if (Problem(sendable.Count, empty, confirmedEmpty) is { } refusal) return ((Outcome<DepartmentSubmitted>)Outcome.Refused(refusal), false);

            var states = await db.DepartmentFieldStates.Where(s => s.EvaluationId == workspace.Id && codes.Contains(s.FieldCode)).ToDictionaryAsync(s => s.FieldCode, StringComparer.Ordinal, ct);
            foreach (var field in sendable)
            {
                var before = owners[field.Code].Status;
                if (!states.TryGetValue(field.Code, out var state))
                {
                    state = new DepartmentFieldState { EvaluationId = workspace.Id, FieldCode = field.Code };
                    db.DepartmentFieldStates.Add(state);
                }

                state.DepartmentId = desk.DepartmentId;
                state.Status = DepartmentFieldStatus.Submitted;
                state.Reason = null;
                state.AtUtc = scope.NowUtc;
                state.ByUserId = actor.Id;
                state.ByName = actor.RecordedName;
                state.Version++;
                scope.Audit(AuditKind.DepartmentPart, field.Code, before.DisplayName(), DepartmentFieldStatus.Submitted.DisplayName());
            }

            var text = empty.Count == 0
                ? $"{desk.DepartmentName}已报送 {sendable.Count} 项数据（{workspace.Year} 年度），请审核后采纳或退回。"
                : $"{desk.DepartmentName}已报送 {sendable.Count} 项数据（{workspace.Year} 年度），其中 {empty.Count} 项未填写，请审核后采纳或退回。";
            inbox.Add(countyUsers, actor.Id, NotificationKind.Department, text, $"/Evaluations/{workspace.Id}/Departments/Review",
                $"department-submit:{workspace.Id}:{desk.DepartmentId}:{scope.NowUtc.Ticks}");
            return (Outcome.Done(new DepartmentSubmitted(sendable.Count, empty.Count, scope.NowUtc),
                $"已报送 {sendable.Count} 项数据（{ChinaTime.DateTimeOf(scope.NowUtc)}），等待教育局审核。报送的数据不能再修改；如需更正，请联系教育局退回。"), true);
        }, cancellationToken);

        return write.Status switch
        {
            ContentWriteStatus.Written or ContentWriteStatus.NotWritten => write.Value!,
            ContentWriteStatus.Conflict => Outcome.Refused(Messages.DepartmentSubmitMoved),
            _ => Outcome.Refused(write.Reason!),
        };
    }

    // Nothing to send; or empty fields that the user did not confirm (more of them than the page listed: the question again).
    private static Message? Problem(int sendable, IReadOnlyList<Core.Schemes.SchemeField> empty, IReadOnlyCollection<string> confirmed)
    {
        if (sendable == 0) return Messages.DepartmentNothingToSubmit;
        var unconfirmed = empty.Where(f => !confirmed.Contains(f.Code)).ToList();
        return unconfirmed.Count == 0 ? null : Messages.DepartmentEmptyFields(empty.Select(f => $"{f.NameZh}（{f.Code}）").ToList());
    }
}
