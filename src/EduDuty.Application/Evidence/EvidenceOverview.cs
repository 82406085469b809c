using EduDuty.Application.Evaluations;
using EduDuty.Core.Evidence;
using EduDuty.Core.Schemes;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evidence;

/// <summary>Per area: how many of its indicators (of <see cref="Indicators"/>) have evidence, and how many pieces a supervisor judged insufficient.</summary>
public sealed record AreaEvidence(SchemeArea Area, IReadOnlyList<EvidenceFile> Files, int IndicatorsWithEvidence, int Insufficient)
{
    public int Indicators => EvidenceTarget.Indicators(Area).Count();
}

/// <summary>An evaluation's evidence: the whole evaluation's pieces, then area by area in scheme order.</summary>
public sealed record EvidenceView(IReadOnlyList<EvidenceFile> Whole, IReadOnlyList<AreaEvidence> Areas, long UsedBytes)
{
    public int Count => Whole.Count + Areas.Sum(a => a.Files.Count);
}

/// <summary>The evidence of one indicator: how many pieces, how many judged insufficient.</summary>
public sealed record FieldEvidence(int Count, int Insufficient);

public sealed class EvidenceOverview(EduDutyDbContext db)
{
    public async Task<EvidenceView> LoadAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var files = await db.EvidenceFiles.AsNoTracking().Where(f => f.EvaluationId == workspace.Id)
            .OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        var areas = workspace.Scheme.Areas.Select(area =>
        {
            var inArea = files.Where(f => f.AreaKey == area.Key).ToList();
            return new AreaEvidence(area, inArea, inArea.Where(f => f.FieldCode is not null).Select(f => f.FieldCode).Distinct().Count(),
                inArea.Count(f => f.Verdict == EvidenceVerdict.Insufficient));
        }).ToList();
        var used = files.GroupBy(f => f.ContentHash).Sum(g => g.First().Length);
        return new EvidenceView(files.Where(f => f.AreaKey is null).ToList(), areas, used);
    }

    /// <summary>
    /// The pieces judged 不充分 that back an indicator or an area, as a return cites them: the target and the sentence
    /// ("佐证材料“…”不充分：理由") its reason starts from.
    /// </summary>
    public async Task<IReadOnlyList<(string Target, string Text)>> CitationsAsync(Workspace workspace, CancellationToken cancellationToken) =>
        (await db.EvidenceFiles.AsNoTracking()
            .Where(f => f.EvaluationId == workspace.Id && f.Verdict == EvidenceVerdict.Insufficient && f.AreaKey != null)
            .OrderBy(f => f.Id).Select(f => new { f.FieldCode, f.AreaKey, f.Title, f.VerdictReason }).ToListAsync(cancellationToken))
        .Select(f => (f.FieldCode ?? f.AreaKey!, $"佐证材料“{f.Title}”不充分：{f.VerdictReason}"))
        .ToList();

    /// <summary>How many pieces back each indicator of an area, and how many of them were judged insufficient: the marks beside the area page's rows.</summary>
    public Task<Dictionary<string, FieldEvidence>> ByFieldAsync(Workspace workspace, string areaKey, CancellationToken cancellationToken) =>
        db.EvidenceFiles.Where(f => f.EvaluationId == workspace.Id && f.AreaKey == areaKey && f.FieldCode != null)
            .GroupBy(f => f.FieldCode!)
            .Select(g => new { g.Key, Count = g.Count(), Insufficient = g.Count(f => f.Verdict == EvidenceVerdict.Insufficient) })
            .ToDictionaryAsync(x => x.Key, x => new FieldEvidence(x.Count, x.Insufficient), StringComparer.Ordinal, cancellationToken);
}
