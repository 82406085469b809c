using System.Text;
using System.Text.Json.Nodes;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

public sealed record SchemeUpload(Scheme? Scheme, IReadOnlyList<SchemeError> Errors, SchemeRecord? Existing, IReadOnlyList<SchemeChange> Changes, bool InUse)
{
    public bool IsValid => Scheme is not null;

    /// <summary>The upload says exactly what the stored version says: there is nothing to save.</summary>
    public bool Identical => Existing is not null && Changes.Count == 0 && Existing.Version == Scheme?.Version;
}

/// <summary>A scheme version as admins see it: no database ids or hashes, the years whose evaluations use it.</summary>
public sealed record SchemeListItem(int Id, string Code, int Version, int Year, string Title, int? ActiveForYear, int Evaluations, string Owner, IReadOnlyList<int> YearsInUse);

/// <summary>
/// Scheme files for admins: check an upload (the same loader as <c>scheme validate</c>), compare it with the stored version
/// of the same code, store it, activate a version for a year. A scheme belongs to a region (a province): its admins, and admins
/// above it, change and activate it; an admin elsewhere cannot see it, let alone change it. A version that a submitted or
/// approved evaluation uses is never changed in place: the upload is stored as the next version instead. Each change is one
/// write through the executor, audited.
/// </summary>
public sealed class SchemeAdministration(EduDutyDbContext db, AdminAuditLog audit, WriteExecutor executor, TimeProvider clock)
{
    /// <summary>The schemes the actor may use: those of their own region, the regions above it, and (for a higher admin) below it.</summary>
    public async Task<IReadOnlyList<SchemeListItem>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var schemes = await Usable(actor).OrderBy(s => s.Code).ThenByDescending(s => s.Version)
            .Select(s => new { s.Id, s.Code, s.Version, s.Year, s.Title, s.ActiveForYear, Owner = s.OwnerRegion == null ? "—" : s.OwnerRegion.Name })
            .ToListAsync(cancellationToken);
        var ids = schemes.Select(s => s.Id).ToList();
        var use = (await db.Evaluations.Where(e => ids.Contains(e.SchemeId)).GroupBy(e => new { e.SchemeId, e.Year })
                .Select(g => new { g.Key.SchemeId, g.Key.Year, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToLookup(u => u.SchemeId);
        return schemes.Select(s => new SchemeListItem(s.Id, s.Code, s.Version, s.Year, s.Title, s.ActiveForYear,
            use[s.Id].Sum(u => u.Count), s.Owner, use[s.Id].Select(u => u.Year).OrderBy(y => y).ToList())).ToList();
    }

    /// <summary>Whether the actor may change or activate this scheme: it belongs to their region or below.</summary>
    public Task<bool> IsManagedByAsync(int schemeId, Actor actor, CancellationToken cancellationToken = default) =>
        Managed(actor).AnyAsync(s => s.Id == schemeId, cancellationToken);

    /// <summary>What storing the file would do; invalid with every problem of the file (the loader's, by where it is).</summary>
    public async Task<Outcome<SchemeUpload>> CheckAsync(string? json, Actor actor, CancellationToken cancellationToken = default)
    {
        var upload = await UploadOfAsync(json ?? string.Empty, actor, cancellationToken);
        return upload.IsValid ? Outcome.Done(upload) : Outcome.Invalid(ProblemsOf(upload.Errors));
    }

    private static IReadOnlyList<FieldProblem> ProblemsOf(IReadOnlyList<SchemeError> errors) =>
        errors.Count > 0 ? errors.Select(e => new FieldProblem(e.Location, e.ToString())).ToList() : [new FieldProblem("方案", "方案文件无效，请重新上传并检查。")];

    private async Task<SchemeUpload> UploadOfAsync(string json, Actor actor, CancellationToken cancellationToken)
    {
        SchemeLoadResult result;
        using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(json))) result = SchemeLoader.TryLoad(stream);
        if (result.Scheme is not { } scheme) return new SchemeUpload(null, result.Errors, null, [], false);

        var existing = await db.Schemes.AsNoTracking().Where(s => s.Code == scheme.Code).OrderByDescending(s => s.Version).FirstOrDefaultAsync(cancellationToken);
        if (existing is null) return new SchemeUpload(scheme, [], null, [], false);
        if (!await IsManagedByAsync(existing.Id, actor, cancellationToken))
            return new SchemeUpload(null, [new SchemeError("code", Messages.NameUnavailable("方案代码", scheme.Code).Text)], null, [], false);
        var changes = SchemeDiff.Compare(SchemeLoader.Load(existing.Definition), scheme);
        return new SchemeUpload(scheme, [], existing, changes, await InUseAsync(existing.Id, cancellationToken));
    }

    /// <returns>Done with the stored record (a new version when the current one is in use); invalid with the file's problems;
    /// refused when it says exactly what the stored version says.</returns>
    public Task<Outcome<SchemeRecord>> SaveAsync(string? json, Actor actor, CancellationToken cancellationToken = default) =>
        executor.ExecuteAsync<SchemeRecord>($"save scheme by {actor.Id}", async (_, ct) =>
        {
            var text = json ?? string.Empty;
            var upload = await UploadOfAsync(text, actor, ct);
            if (upload.Scheme is not { } scheme) return Outcome.Invalid(ProblemsOf(upload.Errors));
            if (upload.Identical) return Outcome.Refused(Messages.SchemeUnchanged(scheme.Code, upload.Existing!.Version));
            var owner = await db.Regions.Where(r => r.Path == actor.RegionPath).Select(r => new { r.Id, r.Path }).SingleOrDefaultAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            SchemeRecord record;
            if (upload.Existing is { } existing && (upload.InUse || existing.Version != scheme.Version))
            {
                // Never touch a version in use: the upload becomes the next version (or keeps its own, if higher).
                var version = scheme.Version > existing.Version ? scheme.Version : existing.Version + 1;
                var node = JsonNode.Parse(text)!.AsObject();
                node["version"] = version;
                text = node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true });
                record = NewRecord(SchemeLoader.Load(text), text, now, existing.OwnerRegionId);
            }
            else if (upload.Existing is { } same)
            {
                record = await db.Schemes.SingleAsync(s => s.Id == same.Id, ct);
                record.Definition = text;
                record.ContentHash = SchemeRecord.HashOf(text);
                record.Title = scheme.Info.Title;
                record.DocumentNumber = scheme.Info.DocumentNumber;
                record.Year = scheme.Year;
            }
            else
            {
                record = NewRecord(scheme, text, now, owner?.Id);
            }

            var ownerPath = await OwnerPathAsync(record.OwnerRegionId, ct);
            audit.Add(actor, AdminAction.UploadScheme, SchemeNames.Of(record.Title, record.Version), upload.Existing is { } e ? $"第{e.Version}版" : null, $"{upload.Changes.Count} 处变化", ownerPath);
            return Outcome.Done(record, $"已保存《{SchemeNames.Of(record.Title, record.Version)}》。");
        }, cancellationToken);

    private SchemeRecord NewRecord(Scheme s, string definition, DateTime at, int? ownerId)
    {
        var r = new SchemeRecord
        {
            Code = s.Code, Version = s.Version, Year = s.Year, Title = s.Info.Title, DocumentNumber = s.Info.DocumentNumber,
            Definition = definition, ContentHash = SchemeRecord.HashOf(definition), ImportedAtUtc = at, OwnerRegionId = ownerId,
        };
        db.Schemes.Add(r);
        return r;
    }

    /// <summary>Makes the scheme the one its region opens evaluations with for the year (another of the same region stops being).</summary>
    public Task<Outcome<Unit>> ActivateAsync(int schemeId, int year, Actor actor, CancellationToken cancellationToken = default) =>
        executor.ExecuteAsync<Unit>($"activate scheme {schemeId} for {year} by {actor.Id}", async (_, ct) =>
        {
            if (!await IsManagedByAsync(schemeId, actor, ct)) return Outcome.NotFound(Messages.SchemeNotFound);
            if (year is < 2000 or > 2100) return Outcome.Invalid("Year", "年度应在 2000–2100 之间。");
            var scheme = await db.Schemes.SingleAsync(s => s.Id == schemeId, ct);
            var previous = await db.Schemes.Where(s => s.ActiveForYear == year && s.OwnerRegionId == scheme.OwnerRegionId && s.Id != schemeId).ToListAsync(ct);
            foreach (var s in previous) s.ActiveForYear = null;
            scheme.ActiveForYear = year;
            audit.Add(actor, AdminAction.ActivateScheme, $"{year}年", string.Join("、", previous.Select(p => SchemeNames.Of(p.Title, p.Version))), SchemeNames.Of(scheme.Title, scheme.Version),
                await OwnerPathAsync(scheme.OwnerRegionId, ct));
            return Outcome.DoneSaying($"已设为 {year} 年度使用的方案。");
        }, cancellationToken);

    public Task<bool> InUseAsync(int schemeId, CancellationToken cancellationToken = default) =>
        db.Evaluations.AnyAsync(e => e.SchemeId == schemeId && (e.Status == EvaluationStatus.Submitted || e.Status == EvaluationStatus.Approved), cancellationToken);

    /// <summary>Schemes of the actor's region, of the regions above it, and of the regions below it (the command line: all).</summary>
    internal IQueryable<SchemeRecord> Usable(Actor actor)
    {
        if (actor.RegionPath.Length == 0) return db.Schemes.AsNoTracking();
        return db.Schemes.AsNoTracking().Where(s => s.OwnerRegion != null).OnBranchOf(s => s.OwnerRegion!.Path, actor.RegionPath);
    }

    // Schemes the actor may change: owned by the actor's region or a region below it.
    private IQueryable<SchemeRecord> Managed(Actor actor) => actor.RegionPath.Length == 0
        ? db.Schemes.AsNoTracking()
        : db.Schemes.AsNoTracking().Where(s => s.OwnerRegion != null).Under(s => s.OwnerRegion!.Path, actor.RegionPath);

    private async Task<string> OwnerPathAsync(int? ownerId, CancellationToken cancellationToken) =>
        ownerId is null ? string.Empty : await db.Regions.Where(r => r.Id == ownerId).Select(r => r.Path).SingleAsync(cancellationToken);
}
