using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Messaging;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evidence;

/// <summary>
/// Renames (title, 文号, date) or removes a piece of evidence, through the guarded path with its version checked, audited
/// with the content's hash. Content no other piece uses is deleted with the last piece that used it, in the same
/// transaction: the row goes first (flushed), then the content it named.
/// </summary>
public sealed class ChangeEvidence(ContentWriter content, EvidenceStore store)
{
    /// <returns>Done with the note the page shows; else invalid, refused, or a conflict when the piece moved or is gone.</returns>
    public Task<Outcome<Unit>> RenameAsync(Workspace workspace, int fileId, int version, EvidenceDetails details, Actor actor, CancellationToken cancellationToken)
    {
        if (!workspace.CanEdit) return Task.FromResult<Outcome<Unit>>(Outcome.Refused(workspace.Edit.Refusal!));
        if (AttachEvidence.Problem(details) is { } bad) return Task.FromResult<Outcome<Unit>>(Outcome.Invalid(bad));
        var title = string.IsNullOrWhiteSpace(details.Title) ? null : ChinesePunctuation.Normalize(details.Title.Trim());
        if (title is null) return Task.FromResult<Outcome<Unit>>(Outcome.Invalid("Title", "请填写材料标题。"));
        if (title.Length > AttachEvidence.MaxTitleLength)
            return Task.FromResult<Outcome<Unit>>(Outcome.Invalid("Title", $"标题过长：最多 {AttachEvidence.MaxTitleLength} 个字。"));
        var number = string.IsNullOrWhiteSpace(details.DocumentNumber) ? null : details.DocumentNumber.Trim();
        if (number?.Length > AttachEvidence.MaxDocumentNumberLength)
            return Task.FromResult<Outcome<Unit>>(Outcome.Invalid("DocumentNumber", $"文号过长：最多 {AttachEvidence.MaxDocumentNumberLength} 个字。"));

        return WriteAsync(workspace, fileId, version, actor, "已保存材料信息。", (scope, file, _) =>
        {
            var before = AttachEvidence.Describe(file) + Numbered(file);
            file.Title = title;
            file.DocumentNumber = number;
            file.DocumentDate = details.DocumentDate;
            file.Version++;
            scope.Audit(AuditKind.Evidence, new EvidenceTarget(file.AreaKey, file.FieldCode).AuditTarget, before, AttachEvidence.Describe(file) + Numbered(file));
            return Task.CompletedTask;
        }, cancellationToken);
    }

    public Task<Outcome<Unit>> RemoveAsync(Workspace workspace, int fileId, int version, Actor actor, CancellationToken cancellationToken) =>
        WriteAsync(workspace, fileId, version, actor, "已删除材料。", async (scope, file, ct) =>
        {
            // Its earlier versions (替换) go with it.
            var versions = await scope.Db.EvidenceFileVersions.Where(v => v.EvidenceFileId == file.Id).ToListAsync(ct);
            scope.Db.EvidenceFileVersions.RemoveRange(versions);
            scope.Db.EvidenceFiles.Remove(file);
            scope.Audit(AuditKind.Evidence, new EvidenceTarget(file.AreaKey, file.FieldCode).AuditTarget, AttachEvidence.Describe(file), null);
            await scope.FlushAsync(ct); // the piece goes first: its content may not go while a row still names it
            foreach (var hash in versions.Select(v => v.ContentHash).Append(file.ContentHash).Distinct()) await store.ReleaseAsync(hash, ct);
        }, cancellationToken);

    private static string Numbered(EvidenceFile file) =>
        (file.DocumentNumber is { } n ? $"，文号 {n}" : "") + (file.DocumentDate is { } d ? $"，{ChinaTime.Date(d)}" : "");

    private async Task<Outcome<Unit>> WriteAsync(
        Workspace workspace, int fileId, int version, Actor actor, string done, Func<ContentScope, EvidenceFile, CancellationToken, Task> change,
        CancellationToken cancellationToken)
    {
        if (!workspace.CanEdit) return Outcome.Refused(workspace.Edit.Refusal!);
        var write = await content.WriteAsync(workspace, actor, AuditSource.Form, async (scope, ct) =>
        {
            if (await PieceAsync(scope, fileId, version, ct) is not { } file) return (await MissingAsync(scope, fileId, ct), false);
            await change(scope, file, ct);
            return (Outcome.DoneSaying(done), true);
        }, cancellationToken);
        return ContentOutcomes.Of(write, Messages.EvidenceMoved);
    }

    /// <summary>The piece of the scope's evaluation at the version the page showed, tracked; else null.</summary>
    internal static Task<EvidenceFile?> PieceAsync(ContentScope scope, int fileId, int version, CancellationToken cancellationToken) =>
        scope.Db.EvidenceFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.EvaluationId == scope.EvaluationId && f.Version == version, cancellationToken);

    /// <summary>
    /// Why the piece the page showed is not there at its version: changed by someone else meanwhile, or removed (a conflict
    /// either way: the page showed it, so the user should look again, not be told it never existed).
    /// </summary>
    internal static async Task<Outcome<Unit>> MissingAsync(ContentScope scope, int fileId, CancellationToken cancellationToken) =>
        await scope.Db.EvidenceFiles.AnyAsync(f => f.Id == fileId && f.EvaluationId == scope.EvaluationId, cancellationToken)
            ? Outcome.Conflict(Messages.EvidenceMoved)
            : Outcome.Conflict(Messages.EvidenceGone);
}
