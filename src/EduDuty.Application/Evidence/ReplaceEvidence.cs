using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Messaging;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evidence;

/// <summary>
/// 替换: a new version of a piece of evidence (decision 0041). Who may replace is who may upload — the county's users while
/// the evaluation is theirs to change (<see cref="Workspace.CanEdit"/>, the same <see cref="ContentWriter"/> claim) — and the
/// new file passes the same checks as an upload (<see cref="EvidenceInspection"/>: size, what it is, no program, macro or
/// virus) and the evaluation's quota. The piece keeps its id, title, 文号 and date, so links and citations stay; the version it
/// replaces is kept with the supervisor's verdict on it as history (<see cref="EvidenceFileVersion"/>), and the piece starts
/// without a verdict, so its 不充分 to-do is cleared until the supervisor judges the new version. Audited with both files.
/// </summary>
public sealed class ReplaceEvidence(ContentWriter content, EvidenceStore store, EvidenceInspection inspection)
{
    /// <returns>Done with the note the page shows; else invalid (the file), refused (the rules, the quota), or a conflict
    /// when the piece moved or is gone. Nothing is stored unless it is done.</returns>
    public async Task<Outcome<Unit>> HandleAsync(
        Workspace workspace, int fileId, int version, EvidenceUpload? upload, Actor actor, CancellationToken cancellationToken)
    {
        if (!workspace.CanEdit) return Outcome.Refused(workspace.Edit.Refusal!);
        if (upload is null) return Outcome.Invalid("replacement", "请选择用来替换的新文件。");
        var name = Core.Evidence.EvidenceFileName.Clean(upload.FileName);
        var inspected = await inspection.InspectAsync(upload, cancellationToken);
        if (inspected.Value is not { } file) return EvidenceInspection.Why(inspected);

        var hash = await EvidenceStore.HashAsync(upload.Content, cancellationToken);
        var length = upload.Content.Length;
        var write = await content.WriteAsync(workspace, actor, AuditSource.Upload, async (scope, ct) =>
        {
            if (await ChangeEvidence.PieceAsync(scope, fileId, version, ct) is not { } piece) return (await ChangeEvidence.MissingAsync(scope, fileId, ct), false);
            if (piece.ContentHash == hash)
                return ((Outcome<Unit>)Outcome.Invalid("replacement", $"所选文件与“{piece.Title}”的当前版本内容相同，没有替换。请选择修改后的文件。"), false);
            if (await store.QuotaRefusalAsync(workspace.Id, hash, length, ct) is { } full) return ((Outcome<Unit>)Outcome.Refused(full), false);
            await store.StoreAsync(hash, upload.Content, scope.NowUtc, scope.FlushAsync, ct);

            var number = await scope.Db.EvidenceFileVersions.CountAsync(v => v.EvidenceFileId == piece.Id, ct) + 1;
            scope.Db.EvidenceFileVersions.Add(new EvidenceFileVersion
            {
                EvidenceFileId = piece.Id, Number = number, Title = piece.Title, FileName = piece.FileName, ContentHash = piece.ContentHash,
                Length = piece.Length, Kind = piece.Kind, UploadedByName = piece.UploadedByName, UploadedAtUtc = piece.UploadedAtUtc,
                Verdict = piece.Verdict, VerdictReason = piece.VerdictReason, VerdictByName = piece.VerdictByName, VerdictAtUtc = piece.VerdictAtUtc,
                ReplacedByName = actor.DisplayName, ReplacedAtUtc = scope.NowUtc,
            });
            var before = AttachEvidence.Describe(piece) + (piece.Verdict is { } old ? $"，{JudgeEvidence.Describe(old, piece.VerdictReason)}" : "");
            piece.FileName = name;
            piece.ContentHash = hash;
            piece.Length = length;
            piece.Kind = file.Kind;
            piece.UploadedByUserId = actor.Id;
            piece.UploadedByName = actor.DisplayName;
            piece.UploadedAtUtc = scope.NowUtc;
            piece.Verdict = null;
            piece.VerdictReason = null;
            piece.VerdictByName = null;
            piece.VerdictAtUtc = null;
            piece.Version++;
            scope.Audit(AuditKind.Evidence, new EvidenceTarget(piece.AreaKey, piece.FieldCode).AuditTarget, before, $"替换为 {AttachEvidence.Describe(piece)}");
            return (Outcome.DoneSaying($"已替换“{piece.Title}”为 {name}（第 {number + 1} 版），原版本及其评定已保留在历史版本中；督导将重新评定。"), true);
        }, cancellationToken);
        return ContentOutcomes.Of(write, Messages.EvidenceMoved);
    }
}
