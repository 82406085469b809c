using EduDuty.Application.Evaluations;
using EduDuty.Core.Departments;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Departments;

/// <summary>One department field as the county's review shows it.</summary>
/// <param name="Value">The stored value with its unit, as the portal shows it ("—" when empty).</param>
/// <param name="Judgment">The field's own judgment when it is judged, else the judged indicators that read it with theirs; null when none.</param>
/// <param name="Evidence">Evidence pieces attached to the field or to an indicator that reads it.</param>
public sealed record ReviewField(
    string Code, string Name, string Area, string Value, string? Judgment, bool Failing, int Evidence,
    DepartmentFieldStatus Status, string? Reason, string? ByName, DateTime? AtUtc, int Version);

/// <summary>A department's part: its counts and its fields as they stand (submitted first).</summary>
public sealed record ReviewDepartment(DepartmentProgressRow Progress, IReadOnlyList<ReviewField> Fields)
{
    public IReadOnlyList<ReviewField> Submitted => Fields.Where(f => f.Status == DepartmentFieldStatus.Submitted).ToList();
}

/// <summary>The county's review page of the departments' parts (部门报送审核).</summary>
/// <param name="CanReview">Whether the viewer may accept and return now (<see cref="EvaluationPolicy.DepartmentReview"/>); else why not.</param>
/// <param name="Deadline">The county's internal deadline for its departments, and whether it has passed.</param>
public sealed record DepartmentReviewView(
    IReadOnlyList<ReviewDepartment> Departments, DepartmentProgressRow? Education, Permission CanReview, DateOnly? Deadline, bool Late);

/// <summary>
/// Reads the review page: the workspace (in scope, else null = 404), the departments' parts in one statement
/// (<see cref="DepartmentParts"/>), the internal deadline, and the evidence counts per field in one more.
/// </summary>
public sealed class DepartmentReviewQuery(EduDutyDbContext db, WorkspacePageLoader pages, TimeProvider clock)
{
    public async Task<(Workspace Workspace, DepartmentReviewView View)?> PageAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        var load = await pages.LoadAsync(id, actor, h => db.Evaluations.Where(e => e.Id == h.Id).Select(e => e.DepartmentDeadline).FirstOrDefault(),
            lastYearFigures: false, cancellationToken);
        if (load is null) return null;
        var workspace = load.Workspace;
        var parts = await DepartmentParts.LoadAsync(db, workspace, cancellationToken);
        var evidence = parts.Any
            ? await db.EvidenceFiles.AsNoTracking().Where(f => f.EvaluationId == id && f.FieldCode != null)
                .GroupBy(f => f.FieldCode!).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken)
            : [];
        return (workspace, Build(workspace, parts, evidence, load.Extra, ChinaTime.Today(clock)));
    }

    internal static DepartmentReviewView Build(Workspace workspace, DepartmentPartsView parts, IReadOnlyDictionary<string, int> evidence, DateOnly? deadline, DateOnly today)
    {
        var scheme = workspace.Scheme;
        var readers = scheme.Fields.Where(f => f.IsJudged && f.Formula is not null)
            .SelectMany(f => f.Formula!.References.Select(code => (Input: code, Indicator: f)))
            .ToLookup(p => p.Input, p => p.Indicator, StringComparer.Ordinal);
        var areaOf = scheme.Areas.SelectMany(a => a.Fields.Select(f => (f.Code, a.NameZh))).ToDictionary(p => p.Code, p => p.NameZh, StringComparer.Ordinal);

        ReviewField Field(FieldOwner owner)
        {
            var field = scheme.FindField(owner.Code)!;
            var result = workspace.Result[owner.Code];
            var judged = field.IsJudged ? [field] : readers[owner.Code].DistinctBy(f => f.Code).ToList();
            var judgment = judged.Count == 0 ? null
                : field.IsJudged ? result.Status.DisplayName()
                : string.Join("；", judged.Select(j => $"{j.NameZh}：{workspace.Result[j.Code].Status.DisplayName()}"));
            var stored = parts.States.GetValueOrDefault(owner.Code) is { } s && s.DepartmentId == owner.DepartmentId ? s : null;
            return new ReviewField(owner.Code, field.NameZh, areaOf.GetValueOrDefault(owner.Code) ?? "",
                result.HasValue ? DisplayFormat.WithUnit(result.DisplayText, field.Unit) : "—", judgment,
                judged.Any(j => workspace.Result[j.Code].Status == JudgmentStatus.Fail),
                evidence.GetValueOrDefault(owner.Code) + judged.Where(j => j.Code != owner.Code).Sum(j => evidence.GetValueOrDefault(j.Code)),
                owner.Status, owner.Reason, stored?.ByName, stored?.AtUtc, stored?.Version ?? 0);
        }

        var departments = parts.Progress.Where(p => p.DepartmentId is not null)
            .Select(p => new ReviewDepartment(p, parts.Owners.Values.Where(o => o.DepartmentId == p.DepartmentId)
                .Select(Field).OrderBy(f => f.Status == DepartmentFieldStatus.Submitted ? 0 : 1).ToList()))
            .ToList();
        return new DepartmentReviewView(departments, parts.Progress.FirstOrDefault(p => p.DepartmentId is null),
            EvaluationPolicy.DepartmentReview(workspace.Facts, workspace.Viewer), deadline, DepartmentProgress.IsLate(deadline, today));
    }
}
