using EduDuty.Application.Evidence;
using EduDuty.Application.Writes;
using EduDuty.Core.Evidence;
using EduDuty.Core.Messaging;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

/// <summary>A scheme's official document as those who use the scheme see it: which scheme, the file's name and size.</summary>
public sealed record SchemeDocumentItem(int SchemeId, string Title, string DocumentNumber, int Version, string FileName, long Length, DateTime UploadedAtUtc);

/// <summary>An official document to send: its name and length, and its bytes read a stored piece at a time.</summary>
public sealed record SchemeDocumentFile(string FileName, long Length, Stream Content);

/// <summary>
/// The scheme's official document (the PDF of 晋政教督〔2021〕1号, issue 27, decision 0043): an admin who manages the scheme
/// uploads it; everyone who may use the scheme downloads it. The file passes the evidence inspection (content by its magic,
/// size, the virus check when configured) and must be a PDF of at most <see cref="MaxBytes"/>; its bytes are stored as an
/// evidence blob (once per content), named by the scheme's record; a replaced document's bytes go when nothing else names
/// them. One write through the executor, audited in the admin audit.
/// </summary>
public sealed class SchemeDocuments(
    EduDutyDbContext db, SchemeAdministration schemes, EvidenceInspection inspection, EvidenceStore store, AdminAuditLog audit, WriteExecutor executor, TimeProvider clock)
{
    /// <summary>The largest official document accepted: a scanned government document of some 30 pages fits well.</summary>
    public const long MaxBytes = 20L << 20;

    /// <returns>Done with the stored document; not found when the scheme is not the admin's to change; invalid for a file that
    /// is not a PDF, too large or infected; refused when the virus check cannot answer. Nothing is stored unless done.</returns>
    public async Task<Outcome<SchemeDocumentItem>> UploadAsync(int schemeId, EvidenceUpload upload, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!await schemes.IsManagedByAsync(schemeId, actor, cancellationToken)) return Outcome.NotFound(Messages.SchemeNotFound);
        var inspected = await inspection.InspectAsync(upload, MaxBytes, cancellationToken);
        if (inspected.Value is not { } file) return EvidenceInspection.Why(inspected);
        if (file.Kind != EvidenceKind.Pdf) return Outcome.Invalid(Messages.SchemeDocumentNotPdf(file.Name));

        var hash = await EvidenceStore.HashAsync(upload.Content, cancellationToken);
        var length = upload.Content.Length;
        return await executor.ExecuteAsync<SchemeDocumentItem>($"scheme document {schemeId} by {actor.Id}", async (scope, ct) =>
        {
            var record = await db.Schemes.Include(s => s.OwnerRegion).SingleAsync(s => s.Id == schemeId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var before = record.DocumentFileName is { } old ? $"{old}（{Sizes.Of(record.DocumentLength ?? 0)}）" : null;
            var previous = record.DocumentHash;
            await store.StoreAsync(hash, upload.Content, now, scope.FlushAsync, ct);
            record.DocumentHash = hash;
            record.DocumentFileName = file.Name;
            record.DocumentLength = length;
            record.DocumentUploadedAtUtc = now;
            await scope.FlushAsync(ct);
            if (previous is not null && previous != hash) await store.ReleaseAsync(previous, ct);
            audit.Add(actor, AdminAction.UploadSchemeDocument, $"{record.Title} 第{record.Version}版", before,
                $"{file.Name}（{Sizes.Of(length)}）", record.OwnerRegion?.Path ?? string.Empty);
            return Outcome.Done(Item(record), Messages.SchemeDocumentSaved(record.Title, file.Name));
        }, cancellationToken);
    }

    /// <summary>The official documents of the schemes the actor may use (their region's, those above and below it).</summary>
    public async Task<IReadOnlyList<SchemeDocumentItem>> ListAsync(Actor actor, CancellationToken cancellationToken = default) =>
        (await schemes.Usable(actor).Where(s => s.DocumentHash != null).OrderBy(s => s.Code).ThenByDescending(s => s.Version)
            .ToListAsync(cancellationToken)).Select(Item).ToList();

    /// <summary>The document to download; not found when the scheme has none or is not one the actor may use.</summary>
    public async Task<Outcome<SchemeDocumentFile>> OpenAsync(int schemeId, Actor actor, CancellationToken cancellationToken = default)
    {
        var record = await schemes.Usable(actor).Where(s => s.Id == schemeId && s.DocumentHash != null)
            .Select(s => new { s.DocumentHash, s.DocumentFileName, s.DocumentLength }).SingleOrDefaultAsync(cancellationToken);
        if (record is null) return Outcome.NotFound(Messages.SchemeDocumentNotFound);
        return Outcome.Done(new SchemeDocumentFile(record.DocumentFileName!, record.DocumentLength!.Value, store.Open(record.DocumentHash!, record.DocumentLength.Value)));
    }

    private static SchemeDocumentItem Item(SchemeRecord s) =>
        new(s.Id, s.Title, s.DocumentNumber, s.Version, s.DocumentFileName!, s.DocumentLength ?? 0, s.DocumentUploadedAtUtc ?? default);
}
