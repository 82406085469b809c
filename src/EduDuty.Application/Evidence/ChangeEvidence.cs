using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evidence;

public enum EvidenceChangeStatus { Changed, NotFound, Conflict, Invalid, Refused }

public sealed record EvidenceChangeResult(EvidenceChangeStatus Status, string Message);

/// <summary>
/// Renames (title, 文号, date) or removes a piece of evidence, through the guarded path with its version checked, audited
/// with the content's hash. Content no other piece uses is deleted with the last piece that used it.
/// </summary>
public sealed class ChangeEvidence(ContentWriter content, EvidenceStore store)
{
    /// <summary>Said when a piece changed after the page showing it was loaded (a version check failed).</summary>
    public const string Moved = "您打开本页后，这份材料已被他人修改，本次没有保存。请查看最新内容后再试。";

    public Task<EvidenceChangeResult> RenameAsync(Workspace workspace, int fileId, int version, EvidenceDetails details, Actor actor, CancellationToken cancellationToken)
    {
        if (!workspace.CanEdit) return Task.FromResult(new EvidenceChangeResult(EvidenceChangeStatus.Refused, workspace.Edit.Reason!));
        var title = string.IsNullOrWhiteSpace(details.Title) ? null : ChinesePunctuation.Normalize(details.Title.Trim());
        if (title is null) return Task.FromResult(new EvidenceChangeResult(EvidenceChangeStatus.Invalid, "请填写材料标题。"));
        if (title.Length > AttachEvidence.MaxTitleLength) return Task.FromResult(new EvidenceChangeResult(EvidenceChangeStatus.Invalid, $"标题过长：最多 {AttachEvidence.MaxTitleLength} 个字。"));
        var number = string.IsNullOrWhiteSpace(details.DocumentNumber) ? null : details.DocumentNumber.Trim();
        if (number?.Length > AttachEvidence.MaxDocumentNumberLength) return Task.FromResult(new EvidenceChangeResult(EvidenceChangeStatus.Invalid, $"文号过长：最多 {AttachEvidence.MaxDocumentNumberLength} 个字。"));

        return WriteAsync(workspace, fileId, version, actor, "已保存材料信息。", (scope, file) =>
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

    public Task<EvidenceChangeResult> RemoveAsync(Workspace workspace, int fileId, int version, Actor actor, CancellationToken cancellationToken) =>
        WriteAsync(workspace, fileId, version, actor, "已删除材料。", async (scope, file) =>
        {
            scope.Db.EvidenceFiles.Remove(file);
            scope.Audit(AuditKind.Evidence, new EvidenceTarget(file.AreaKey, file.FieldCode).AuditTarget, AttachEvidence.Describe(file), null);
            await scope.Db.SaveChangesAsync(); // the piece goes first: its content may not go while a row still names it
            await store.ReleaseAsync(file.ContentHash, CancellationToken.None);
        }, cancellationToken);

    private static string Numbered(EvidenceFile file) =>
        (file.DocumentNumber is { } n ? $"，文号 {n}" : "") + (file.DocumentDate is { } d ? $"，{ChinaTime.Date(d)}" : "");

    private async Task<EvidenceChangeResult> WriteAsync(
        Workspace workspace, int fileId, int version, Actor actor, string done, Func<ContentScope, EvidenceFile, Task> change, CancellationToken cancellationToken)
    {
        if (!workspace.CanEdit) return new EvidenceChangeResult(EvidenceChangeStatus.Refused, workspace.Edit.Reason!);
        var write = await content.WriteAsync(workspace, actor, AuditSource.Form, async (scope, ct) =>
        {
            var file = await scope.Db.EvidenceFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.EvaluationId == workspace.Id, ct);
            if (file is null) return (EvidenceChangeStatus.NotFound, false);
            if (file.Version != version) return (EvidenceChangeStatus.Conflict, false);
            await change(scope, file);
            return (EvidenceChangeStatus.Changed, true);
        }, cancellationToken);

        return Result(write, done);
    }

    /// <summary>What a write of a piece (a change, a verdict) came to, in the words the evidence page shows.</summary>
    internal static EvidenceChangeResult Result(ContentWrite<EvidenceChangeStatus> write, string done) => write.Status switch
    {
        ContentWriteStatus.Refused => new EvidenceChangeResult(EvidenceChangeStatus.Refused, write.Refusal!),
        ContentWriteStatus.Conflict => new EvidenceChangeResult(EvidenceChangeStatus.Conflict, Moved),
        ContentWriteStatus.Failed => new EvidenceChangeResult(EvidenceChangeStatus.Conflict, write.Refusal!),
        _ => write.Value switch
        {
            EvidenceChangeStatus.Changed => new EvidenceChangeResult(EvidenceChangeStatus.Changed, done),
            EvidenceChangeStatus.Conflict => new EvidenceChangeResult(EvidenceChangeStatus.Conflict, Moved),
            _ => new EvidenceChangeResult(EvidenceChangeStatus.NotFound, "这份材料已被删除。"),
        },
    };
}
