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

/// <summary>
/// An evaluation's evidence: the whole evaluation's pieces, then area by area in scheme order; the earlier versions of replaced
/// pieces by piece, newest first.
/// </summary>
public sealed record EvidenceView(IReadOnlyList<EvidenceFile> Whole, IReadOnlyList<AreaEvidence> Areas, long UsedBytes, ILookup<int, EvidenceFileVersion> Versions)
{
    public int Count => Whole.Count + Areas.Sum(a => a.Files.Count);
}

/// <summary>
/// The evidence of one indicator, as its row on the area page shows it: the pieces (oldest first), how many were judged
/// insufficient, and the earlier versions of replaced pieces (newest first).
/// </summary>
public sealed record FieldEvidence(IReadOnlyList<EvidenceFile> Pieces, ILookup<int, EvidenceFileVersion> Versions)
{
    public int Count => Pieces.Count;

    public int Insufficient => Pieces.Count(p => p.Verdict == EvidenceVerdict.Insufficient);
}

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
        var versions = await VersionsAsync(workspace, null, cancellationToken);
        var used = files.Select(f => (f.ContentHash, f.Length)).Concat(versions.SelectMany(g => g).Select(v => (v.ContentHash, v.Length)))
            .DistinctBy(f => f.ContentHash).Sum(f => f.Length);
        return new EvidenceView(files.Where(f => f.AreaKey is null).ToList(), areas, used, versions);
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

    /// <summary>The pieces backing each indicator of an area with their verdicts and earlier versions: the panels on the area page's rows.</summary>
    public async Task<Dictionary<string, FieldEvidence>> ByFieldAsync(Workspace workspace, string areaKey, CancellationToken cancellationToken)
    {
        // The pieces with their earlier versions in one statement (a left join): a piece without versions comes once with none.
        var rows = await (from f in db.EvidenceFiles.AsNoTracking().Where(f => f.EvaluationId == workspace.Id && f.AreaKey == areaKey && f.FieldCode != null)
                          join v in db.EvidenceFileVersions.AsNoTracking() on f.Id equals v.EvidenceFileId into earlier
                          from v in earlier.DefaultIfEmpty()
                          select new { File = f, Version = v }).ToListAsync(cancellationToken);
        var files = rows.Select(r => r.File).DistinctBy(f => f.Id).OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id).ToList();
        var versions = rows.Where(r => r.Version is not null).Select(r => r.Version!).OrderByDescending(v => v.Number).ToLookup(v => v.EvidenceFileId);
        return files.GroupBy(f => f.FieldCode!).ToDictionary(g => g.Key, g => new FieldEvidence(g.ToList(), versions), StringComparer.Ordinal);
    }

    // The earlier versions of the evaluation's pieces (of one area's when given), by piece, newest first.
    private async Task<ILookup<int, EvidenceFileVersion>> VersionsAsync(Workspace workspace, string? areaKey, CancellationToken cancellationToken) =>
        (await (from v in db.EvidenceFileVersions.AsNoTracking()
                join f in db.EvidenceFiles on v.EvidenceFileId equals f.Id
                where f.EvaluationId == workspace.Id && (areaKey == null || f.AreaKey == areaKey)
                select v).ToListAsync(cancellationToken))
        .OrderByDescending(v => v.Number).ToLookup(v => v.EvidenceFileId);
}
