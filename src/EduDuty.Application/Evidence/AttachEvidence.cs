using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Evidence;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Evidence;

/// <summary>One uploaded file: its name as the browser sent it and its content, readable and seekable (a temporary file).</summary>
public sealed record EvidenceUpload(string? FileName, Stream Content);

/// <summary>The county's description of a piece: title (the file name when blank), 文号 and date, all optional.</summary>
public sealed record EvidenceDetails(string? Title, string? DocumentNumber, DateOnly? DocumentDate);

/// <summary>A file attached (<see cref="File"/>) or refused (<see cref="Refusal"/>, naming the file and the reason).</summary>
public sealed record AttachResult(EvidenceFile? File, string? Refusal)
{
    public bool Attached => File is not null;
}

/// <summary>
/// Attaches one file to an evaluation: the content decides what it is (<see cref="EvidenceContent"/>), the size is checked, and
/// it is written through the guarded path like every change of content (locked after submission or the deadline, only by the
/// county's users), audited with its hash. The evaluation's quota is checked inside the claim, so uploads at the same moment
/// are counted one after the other and together never pass it. The bytes are stored once per content
/// (<see cref="EvidenceStore"/>). A refused file stores nothing.
/// </summary>
public sealed class AttachEvidence(ContentWriter content, EvidenceStore store, EvidenceOptions options)
{
    public const int MaxTitleLength = 200;
    public const int MaxDocumentNumberLength = 100;

    /// <param name="source">How the file came in, as the audit shows it (上传, or 演示数据 for the demo).</param>
    public async Task<AttachResult> HandleAsync(
        Workspace workspace, EvidenceTarget target, EvidenceUpload upload, EvidenceDetails details, Actor actor, CancellationToken cancellationToken,
        AuditSource source = AuditSource.Upload)
    {
        var name = EvidenceFileName.Clean(upload.FileName);
        AttachResult Refuse(string reason) => new(null, $"“{name}”未上传：{reason}");

        if (!workspace.CanEdit) return Refuse(workspace.Edit.Reason!);
        var title = TitleOf(name, details.Title);
        if (title.Length > MaxTitleLength) return Refuse($"标题过长：最多 {MaxTitleLength} 个字，当前 {title.Length} 个。");
        var number = string.IsNullOrWhiteSpace(details.DocumentNumber) ? null : details.DocumentNumber.Trim();
        if (number?.Length > MaxDocumentNumberLength) return Refuse($"文号过长：最多 {MaxDocumentNumberLength} 个字。");

        var check = EvidenceContent.Check(upload.Content, options.MaxFileBytes);
        if (check.Refusal is { } refusal) return Refuse(refusal);

        var hash = await EvidenceStore.HashAsync(upload.Content, cancellationToken);
        var length = upload.Content.Length;
        var write = await content.WriteAsync(workspace, actor, source, async (scope, ct) =>
        {
            // Inside the claim: no other write to this evaluation can add a piece between this count and this commit.
            if (await store.QuotaRefusalAsync(workspace.Id, hash, length, ct) is { } full) return (Refuse(full), false);
            await store.StoreAsync(hash, upload.Content, scope.NowUtc, ct);
            var file = new EvidenceFile
            {
                EvaluationId = workspace.Id, AreaKey = target.AreaKey, FieldCode = target.FieldCode, Title = title,
                DocumentNumber = number, DocumentDate = details.DocumentDate, FileName = name, ContentHash = hash, Length = length,
                Kind = check.Kind!.Value, UploadedByUserId = actor.Id, UploadedByName = actor.DisplayName, UploadedAtUtc = scope.NowUtc,
            };
            scope.Db.EvidenceFiles.Add(file);
            scope.Audit(AuditKind.Evidence, target.AuditTarget, null, Describe(file));
            return (new AttachResult(file, null), true);
        }, cancellationToken);
        return write.Status switch
        {
            ContentWriteStatus.Written or ContentWriteStatus.NotWritten => write.Value!,
            ContentWriteStatus.Refused => Refuse(write.Refusal!),
            // Logged by the writer; most likely the same new content uploaded to another evaluation at the same moment.
            _ => Refuse("同一文件可能正在被同时上传，本次没有保存。请稍后重试；如果一再出现，请联系系统管理员。"),
        };
    }

    /// <summary>How the audit records a piece: title, file, size and the content's hash.</summary>
    public static string Describe(EvidenceFile file) => Describe(file.Title, file.FileName, file.Length, file.ContentHash);

    /// <summary>How the audit records any stored piece (an evaluation's or a rectification task's).</summary>
    public static string Describe(string title, string fileName, long length, string hash) =>
        $"{title}（{fileName}，{Sizes.Of(length)}，SHA-256 {hash}）";

    /// <summary>The title a piece is shown under: the one typed (punctuation normalised), else the file name without its extension.</summary>
    public static string TitleOf(string cleanName, string? title) =>
        string.IsNullOrWhiteSpace(title) ? EvidenceFileName.DefaultTitle(cleanName) : ChinesePunctuation.Normalize(title.Trim());
}
