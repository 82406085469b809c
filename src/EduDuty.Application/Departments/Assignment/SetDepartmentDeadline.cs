using System.Globalization;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Departments;
using EduDuty.Core.Messaging;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Departments.Assignment;

/// <summary>
/// The county lead sets (or clears) the departments' internal deadline of one evaluation (内部截止日期, issue 30): on or before
/// the county's own deadline, not in the past (<see cref="AssignmentRules.CheckDeadline"/>); through the content writer, so
/// only while the county may edit; audited. The departments are reminded before it (<see cref="Notifications.DeadlineReminders"/>).
/// </summary>
public sealed class SetDepartmentDeadline(EduDutyDbContext db, ContentWriter writer, TimeProvider clock)
{
    /// <summary>The form field the date's problems are shown beside.</summary>
    public const string Field = "DepartmentDeadline";

    public async Task<Outcome<Unit>> HandleAsync(Workspace workspace, Actor actor, string? date, CancellationToken cancellationToken)
    {
        var permission = AssignmentRules.Assign(workspace.Facts, workspace.Viewer);
        if (!permission.Allowed) return Outcome.Refused(permission.Refusal!);
        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return Outcome.Invalid(Field, $"日期 “{(date.Trim() is { Length: > 40 } longer ? longer[..40] + "…" : date.Trim())}” 无效，请按 年-月-日 填写，如 2021-11-20；不需要内部截止日期时请留空");
            due = parsed;
        }

        if (AssignmentRules.CheckDeadline(due, workspace.Deadline, ChinaTime.Today(clock)) is { } problem) return Outcome.Invalid(Field, problem);

        var write = await writer.WriteAsync(workspace, actor, AuditSource.Form, async (scope, ct) =>
        {
            var evaluation = await db.Evaluations.SingleAsync(e => e.Id == workspace.Id, ct);
            var before = evaluation.DepartmentDeadline;
            if (before == due) return (before, false);
            evaluation.DepartmentDeadline = due;
            scope.Audit(AuditKind.InternalDeadline, "内部截止日期", Text(before), Text(due));
            return (before, true);
        }, cancellationToken);

        return write.Status switch
        {
            ContentWriteStatus.Written or ContentWriteStatus.NotWritten => Outcome.DoneSaying(due is { } d
                ? $"内部截止日期已设为 {ChinaTime.Date(d)}。各部门填报人员将在截止前 7 天和前 1 天收到提醒。"
                : "已取消内部截止日期。"),
            _ => Outcome.Refused(write.Reason ?? Messages.SaveFailed),
        };
    }

    private static string? Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
