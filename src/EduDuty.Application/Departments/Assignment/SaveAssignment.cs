using System.Globalization;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Departments;
using EduDuty.Core.Messaging;
using EduDuty.Data;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Departments.Assignment;

/// <summary>
/// The lead's choices on the 部门分工 page: per field (<c>Owners[code]</c>) and per area (<c>Areas[key]</c>, which, when
/// chosen, takes every field of the area); "0" is 教育局, a number a department of the county, empty "no change".
/// </summary>
public sealed record AssignmentChoices(IReadOnlyDictionary<string, string?> Owners, IReadOnlyDictionary<string, string?> Areas, string? Stamp);

/// <summary>
/// Saves the county lead's 部门分工 of one evaluation (issue 30): every changed field's owner through the content writer (the
/// lead only, while the county may edit: <see cref="AssignmentRules.Assign"/>), one audit entry per field naming the owner
/// before and after. A row is stored only where the owner differs from the scheme's default; choosing the default again
/// removes it. A field that changes department starts Open with the new one: its state row (submitted, accepted or returned by
/// the previous owner) is dropped. The page's stamp is compared with the stored rows inside the claim: a change another lead
/// made since the page was read refuses the whole save, naming it.
/// </summary>
public sealed class SaveAssignment(EduDutyDbContext db, ContentWriter writer)
{
    /// <returns>Done with the number of fields whose owner changed.</returns>
    public async Task<Outcome<int>> HandleAsync(Workspace workspace, Actor actor, AssignmentChoices choices, CancellationToken cancellationToken)
    {
        var permission = AssignmentRules.Assign(workspace.Facts, workspace.Viewer);
        if (!permission.Allowed) return Outcome.Refused(permission.Refusal!);

        var stale = false;
        var problems = new List<FieldProblem>();
        var write = await writer.WriteAsync(workspace, actor, AuditSource.Form, async (scope, ct) =>
        {
            var state = await AssignmentState.LoadAsync(db, workspace, tracked: true, ct);
            if (!string.Equals(state.Stamp, choices.Stamp, StringComparison.Ordinal))
            {
                stale = true;
                return (0, false);
            }

            var active = state.Departments.Where(d => d.IsActive).ToDictionary(d => d.Id, d => d.Name);
            var wanted = new Dictionary<string, int?>(StringComparer.Ordinal);
            foreach (var (code, value) in choices.Owners)
            {
                if (!state.Owners.ContainsKey(code)) problems.Add(new FieldProblem($"Owners[{Quoted(code)}]", $"数据项 {Quoted(code)} 不在本评价方案的填报项中，请刷新页面后重试"));
                else if (Parse(value, active, $"Owners[{code}]", workspace.Scheme.FindField(code)!.NameZh, problems, state.Owners[code].DepartmentId) is { } choice) wanted[code] = choice.Owner;
            }

            foreach (var (key, value) in choices.Areas)
            {
                if (string.IsNullOrEmpty(value)) continue;
                if (workspace.Scheme.FindArea(key) is not { } area) { problems.Add(new FieldProblem($"Areas[{Quoted(key)}]", $"领域 {Quoted(key)} 不在本评价方案中，请刷新页面后重试")); continue; }
                if (Parse(value, active, $"Areas[{key}]", area.Heading, problems) is not { } choice) continue;
                foreach (var field in area.Fields.Where(f => state.Owners.ContainsKey(f.Code))) wanted[field.Code] = choice.Owner;
            }

            if (problems.Count > 0) return (0, false);

            var changed = 0;
            foreach (var (code, owner) in wanted)
            {
                var before = state.Owners[code].DepartmentId;
                if (before == owner) continue;
                if (owner == state.Defaults[code].DepartmentId)
                {
                    if (state.Assigned.TryGetValue(code, out var row)) db.FieldAssignments.Remove(row);
                }
                else if (state.Assigned.TryGetValue(code, out var row))
                {
                    (row.DepartmentId, row.UpdatedAtUtc, row.UpdatedByUserId) = (owner, scope.NowUtc, actor.Id);
                }
                else
                {
                    db.FieldAssignments.Add(new FieldAssignment
                    {
                        EvaluationId = workspace.Id, FieldCode = code, DepartmentId = owner, UpdatedAtUtc = scope.NowUtc, UpdatedByUserId = actor.Id,
                    });
                }

                // The new owner starts afresh: what the previous one sent, or what the county accepted or returned, is not its.
                if (state.States.TryGetValue(code, out var sent) && sent.DepartmentId != owner) db.DepartmentFieldStates.Remove(sent);
                scope.Audit(AuditKind.Assignment, code, NameOf(before, state.Departments), NameOf(owner, state.Departments));
                changed++;
            }

            return (changed, changed > 0);
        }, cancellationToken);

        if (problems.Count > 0) return Outcome.Invalid(problems);
        if (stale) return Outcome.Refused(Messages.AssignmentChangedMeanwhile);
        return write.Status switch
        {
            ContentWriteStatus.Written => Outcome.Done(write.Value, $"部门分工已保存：{write.Value} 个数据项改派。改派的数据项在新部门重新开始填写。"),
            ContentWriteStatus.NotWritten => Outcome.Done(0, "部门分工没有改动。"),
            ContentWriteStatus.Conflict => Outcome.Refused(Messages.AssignmentChangedMeanwhile),
            _ => Outcome.Refused(write.Reason ?? Messages.SaveFailed),
        };
    }

    // "0" is 教育局 (an owner of null); a number an active department of the county; empty or absent: no choice.
    // The field's present owner stays a valid choice when it was disabled since (the select shows it chosen).
    private static Choice? Parse(string? value, IReadOnlyDictionary<int, string> active, string field, string label, List<FieldProblem> problems, int? present = null)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || (id != 0 && !active.ContainsKey(id) && id != present))
        {
            problems.Add(new FieldProblem(field, $"“{label}”所选的部门不存在或已停用，请从列表中重新选择"));
            return null;
        }

        return new Choice(id == 0 ? null : id);
    }

    private readonly record struct Choice(int? Owner);

    // A posted code or key that is not the scheme's is quoted back by its first 40 characters only (a forged post may send any length).
    private static string Quoted(string posted) => posted.Length > 40 ? posted[..40] + "…" : posted;

    private static string NameOf(int? id, IReadOnlyList<DepartmentRef> departments) =>
        id is { } d ? departments.FirstOrDefault(x => x.Id == d)?.Name ?? DepartmentNames.Education : DepartmentNames.Education;
}
