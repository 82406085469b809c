using EduDuty.Application.Evaluations;
using EduDuty.Core.Departments;
using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Data;
using EduDuty.Reporting.Excel;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Departments;

/// <summary>
/// One department's part of one evaluation (本部门填报, issue 30): the evaluation as the department user may see it, who owns
/// each entered field and where its department part stands. The page shows <see cref="Fields"/> and the judgments of
/// <see cref="Fed"/>, never another field's value.
/// </summary>
public sealed class DepartmentDesk
{
    public required Workspace Workspace { get; init; }

    public required int DepartmentId { get; init; }

    public required string DepartmentName { get; init; }

    /// <summary>Every entered field's owner in this evaluation (<see cref="FieldOwners"/>).</summary>
    public required IReadOnlyDictionary<string, FieldOwner> Owners { get; init; }

    private IReadOnlyList<SchemeField>? _fields;
    private IReadOnlyList<SchemeField>? _fed;

    /// <summary>The department's entered fields, in scheme order.</summary>
    public IReadOnlyList<SchemeField> Fields => _fields ??= DepartmentWork.FieldsOf(Workspace.Scheme, Owners, DepartmentId);

    /// <summary>The computed indicators the department's fields feed: their judgments are shown beside its fields.</summary>
    public IReadOnlyList<SchemeField> Fed => _fed ??= DepartmentWork.Fed(Workspace.Scheme, Fields.Select(f => f.Code).ToList());

    public FieldOwner OwnerOf(string code) => Owners[code];

    /// <summary>Whether the department may write its part now (in scope, its role, the evaluation open and on time).</summary>
    public Permission Edit => EvaluationPolicy.DepartmentEdit(Workspace.Facts, Workspace.Viewer);

    /// <summary>The field may still be changed by the department: the evaluation open and the field 待填 or 已退回.</summary>
    public bool CanChange(string code) => Edit.Allowed && DepartmentWork.Editable(Owners[code], DepartmentId);

    /// <summary>The fields 报送 would send now (待填 or 已退回).</summary>
    public IReadOnlyList<SchemeField> Sendable => Fields.Where(f => DepartmentWork.Sendable(Owners[f.Code], DepartmentId)).ToList();

    /// <summary>Of those, the ones with no value stored: 报送 lists them and asks for confirmation.</summary>
    public IReadOnlyList<SchemeField> SendableEmpty => Sendable.Where(f => Workspace.Result[f.Code].Value is null).ToList();

    /// <summary>The department's workbook part: its name and its fields (<see cref="CountyWorkbook"/>).</summary>
    public DepartmentPart Part => new(DepartmentName, Fields.Select(f => f.Code).ToHashSet(StringComparer.Ordinal));

    /// <summary>Whether the department may back <paramref name="code"/> with evidence (<see cref="DepartmentWork.MayAttachEvidence"/>).</summary>
    public bool MayBackWithEvidence(string code) => DepartmentWork.MayAttachEvidence(Workspace.Scheme, Owners, DepartmentId, code);

    /// <summary>Whether the department may still add evidence to <paramref name="code"/> (<see cref="DepartmentWork.MayStillAttachEvidence"/>).</summary>
    public bool MayStillBackWithEvidence(string code) => DepartmentWork.MayStillAttachEvidence(Workspace.Scheme, Owners, DepartmentId, code);

    /// <summary>The number of evidence pieces on each of the page's indicators (its fields and those they feed), by code.</summary>
    public IReadOnlyDictionary<string, int> EvidenceCounts { get; init; } = new Dictionary<string, int>();

    /// <summary>The county's internal deadline for its departments (内部截止日期), if the lead set one.</summary>
    public DateOnly? InternalDeadline { get; init; }

    /// <summary>How many of its fields stand in each state.</summary>
    public int Count(DepartmentFieldStatus status) => Fields.Count(f => Owners[f.Code].Status == status);
}

/// <summary>Loads a department's desk for the signed-in department user: null when the evaluation is not theirs to see (404).</summary>
public sealed class DepartmentDeskLoader(EduDutyDbContext db, WorkspaceLoader loader)
{
    public async Task<DepartmentDesk?> LoadAsync(int evaluationId, Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsDepartmentUser || actor.DepartmentId is not { } departmentId) return null;
        if (await loader.LoadAsync(evaluationId, actor, cancellationToken) is not { } workspace) return null;
        var owners = await FieldOwners.LoadAsync(db, workspace.Id, workspace.CountyId, workspace.Scheme, cancellationToken);
        var counts = await db.EvidenceFiles.AsNoTracking().Where(f => f.EvaluationId == workspace.Id && f.AreaKey != null && f.FieldCode != null)
            .GroupBy(f => f.FieldCode!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);
        var internalDeadline = await db.Evaluations.AsNoTracking().Where(e => e.Id == workspace.Id).Select(e => e.DepartmentDeadline).SingleAsync(cancellationToken);
        return new DepartmentDesk
        {
            EvidenceCounts = counts,
            InternalDeadline = internalDeadline,
            Workspace = workspace,
            DepartmentId = departmentId,
            DepartmentName = actor.DepartmentName ?? string.Empty,
            Owners = owners,
        };
    }
}
