using System.Text;
using System.Text.Json.Nodes;
using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

public sealed record SchemeUpload(Scheme? Scheme, IReadOnlyList<SchemeError> Errors, SchemeRecord? Existing, IReadOnlyList<SchemeChange> Changes, bool InUse)
{
    public bool IsValid => Scheme is not null;
}

/// <summary>
/// Scheme files for admins: check an upload (the same loader as <c>scheme validate</c>), compare it with the stored version
/// of the same code, store it, activate a version for a year. A version that a submitted or approved evaluation uses is
/// never changed in place: the upload is stored as the next version instead.
/// </summary>
public sealed record SchemeListItem(int Id, string Code, int Version, int Year, string Title, string Hash, int? ActiveForYear, int Evaluations);

public sealed class SchemeAdministration(EduDutyDbContext db, AdminAuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<SchemeListItem>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Schemes.AsNoTracking().OrderBy(s => s.Code).ThenByDescending(s => s.Version)
            .Select(s => new SchemeListItem(s.Id, s.Code, s.Version, s.Year, s.Title, s.ContentHash.Substring(0, 8), s.ActiveForYear,
                db.Evaluations.Count(e => e.SchemeId == s.Id)))
            .ToListAsync(cancellationToken);

    public Task<bool> ExistsAsync(int schemeId, CancellationToken cancellationToken = default) =>
        db.Schemes.AnyAsync(s => s.Id == schemeId, cancellationToken);

    public async Task<SchemeUpload> CheckAsync(string json, CancellationToken cancellationToken = default)
    {
        SchemeLoadResult result;
        using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(json))) result = SchemeLoader.TryLoad(stream);
        if (result.Scheme is not { } scheme) return new SchemeUpload(null, result.Errors, null, [], false);

        var existing = await db.Schemes.AsNoTracking().Where(s => s.Code == scheme.Code).OrderByDescending(s => s.Version).FirstOrDefaultAsync(cancellationToken);
        if (existing is null) return new SchemeUpload(scheme, [], null, [], false);
        var changes = SchemeDiff.Compare(SchemeLoader.Load(existing.Definition), scheme);
        return new SchemeUpload(scheme, [], existing, changes, await InUseAsync(existing.Id, cancellationToken));
    }

    /// <returns>The stored record (a new version when the current one is in use), or null when the file is invalid.</returns>
    public async Task<SchemeRecord?> SaveAsync(string json, Actor actor, CancellationToken cancellationToken = default)
    {
        var upload = await CheckAsync(json, cancellationToken);
        if (upload.Scheme is not { } scheme) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        SchemeRecord record;
        if (upload.Existing is { } existing && (upload.InUse || existing.Version != scheme.Version))
        {
            // Never touch a version in use: the upload becomes the next version (or keeps its own, if higher).
            var version = scheme.Version > existing.Version ? scheme.Version : existing.Version + 1;
            var node = JsonNode.Parse(json)!.AsObject();
            node["version"] = version;
            json = node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true });
            record = NewRecord(SchemeLoader.Load(json), json, now);
        }
        else if (upload.Existing is { } same)
        {
            record = await db.Schemes.SingleAsync(s => s.Id == same.Id, cancellationToken);
            record.Definition = json;
            record.ContentHash = SchemeRecord.HashOf(json);
            record.Title = scheme.Info.Title;
            record.DocumentNumber = scheme.Info.DocumentNumber;
            record.Year = scheme.Year;
        }
        else
        {
            record = NewRecord(scheme, json, now);
        }

        audit.Add(actor, "上传方案", $"{record.Code} 第{record.Version}版", upload.Existing is { } e ? $"第{e.Version}版" : null, $"{upload.Changes.Count} 处变化");
        await db.SaveChangesAsync(cancellationToken);
        return record;

        SchemeRecord NewRecord(Scheme s, string definition, DateTime at)
        {
            var r = new SchemeRecord
            {
                Code = s.Code, Version = s.Version, Year = s.Year, Title = s.Info.Title, DocumentNumber = s.Info.DocumentNumber,
                Definition = definition, ContentHash = SchemeRecord.HashOf(definition), ImportedAtUtc = at,
            };
            db.Schemes.Add(r);
            return r;
        }
    }

    public async Task ActivateAsync(int schemeId, int year, Actor actor, CancellationToken cancellationToken = default)
    {
        var previous = await db.Schemes.Where(s => s.ActiveForYear == year).ToListAsync(cancellationToken);
        foreach (var s in previous) s.ActiveForYear = null;
        var scheme = await db.Schemes.SingleAsync(s => s.Id == schemeId, cancellationToken);
        scheme.ActiveForYear = year;
        audit.Add(actor, "启用方案", $"{year}年", string.Join("、", previous.Select(p => $"{p.Code} 第{p.Version}版")), $"{scheme.Code} 第{scheme.Version}版");
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<bool> InUseAsync(int schemeId, CancellationToken cancellationToken = default) =>
        db.Evaluations.AnyAsync(e => e.SchemeId == schemeId && (e.Status == EvaluationStatus.Submitted || e.Status == EvaluationStatus.Approved), cancellationToken);
}
