using System.Security.Cryptography;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Evidence;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

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
/// Attaches one file to an evaluation: the content decides what it is (<see cref="EvidenceContent"/>), the size and the
/// evaluation's quota are checked, and it is written through the guarded path like every change of content (locked after
/// submission or the deadline, only by the county's users), audited with its hash. The bytes are stored once per content
/// (SHA-256) in pieces of <see cref="EvidenceOptions.ChunkBytes"/>, read from the upload a piece at a time. A refused file
/// stores nothing.
/// </summary>
public sealed class AttachEvidence(ContentWriter content, EduDutyDbContext db, EvidenceOptions options)
{
    public const int MaxTitleLength = 200;
    public const int MaxDocumentNumberLength = 100;

    /// <param name="source">How the file came in, as the audit shows it (上传, or 演示数据 for the demo).</param>
    public async Task<AttachResult> HandleAsync(
        Workspace workspace, EvidenceTarget target, EvidenceUpload upload, EvidenceDetails details, Actor actor, CancellationToken cancellationToken,
        string source = "上传")
    {
        var name = EvidenceFileName.Clean(upload.FileName);
        AttachResult Refuse(string reason) => new(null, $"“{name}”未上传：{reason}");

        if (!workspace.CanEdit) return Refuse(workspace.Edit.Reason!);
        var title = string.IsNullOrWhiteSpace(details.Title) ? EvidenceFileName.DefaultTitle(name) : ChinesePunctuation.Normalize(details.Title.Trim());
        if (title.Length > MaxTitleLength) return Refuse($"标题过长：最多 {MaxTitleLength} 个字，当前 {title.Length} 个。");
        var number = string.IsNullOrWhiteSpace(details.DocumentNumber) ? null : details.DocumentNumber.Trim();
        if (number?.Length > MaxDocumentNumberLength) return Refuse($"文号过长：最多 {MaxDocumentNumberLength} 个字。");

        var check = EvidenceContent.Check(upload.Content, options.MaxFileBytes);
        if (check.Refusal is { } refusal) return Refuse(refusal);

        upload.Content.Position = 0;
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(upload.Content, cancellationToken));
        var length = upload.Content.Length;
        var stored = await db.EvidenceFiles.Where(f => f.EvaluationId == workspace.Id).Select(f => new { f.ContentHash, f.Length }).Distinct().ToListAsync(cancellationToken);
        var used = stored.Sum(f => f.Length);
        if (stored.All(f => f.ContentHash != hash) && used + length > options.QuotaBytes)
            return Refuse($"本次评价的佐证材料总容量为 {Sizes.Of(options.QuotaBytes)}，已用 {Sizes.Of(used)}，放不下这个 {Sizes.Of(length)} 的文件。请删除不再需要的材料或压缩后再上传。");

        try
        {
            var write = await content.WriteAsync(workspace, actor, source, async (scope, ct) =>
            {
                await StoreContentAsync(scope, hash, upload.Content, ct);
                var file = new EvidenceFile
                {
                    EvaluationId = workspace.Id, AreaKey = target.AreaKey, FieldCode = target.FieldCode, Title = title,
                    DocumentNumber = number, DocumentDate = details.DocumentDate, FileName = name, ContentHash = hash, Length = length,
                    Kind = check.Kind!.Value, UploadedByUserId = actor.Id, UploadedByName = actor.DisplayName, UploadedAtUtc = scope.NowUtc,
                };
                scope.Db.EvidenceFiles.Add(file);
                scope.Audit(AuditKind.Evidence, target.AuditTarget, null, Describe(file));
                return (file, true);
            }, cancellationToken);
            return write.Status == ContentWriteStatus.Refused ? Refuse(write.Refusal!) : new AttachResult(write.Value, null);
        }
        catch (DbUpdateException)
        {
            // The same new content uploaded at the same moment elsewhere: nothing of this upload was kept.
            db.ChangeTracker.Clear();
            return Refuse("同一文件正在被同时上传，本次没有保存。请稍后重试。");
        }
    }

    /// <summary>How the audit records a piece: title, file, size and the content's hash.</summary>
    public static string Describe(EvidenceFile file) =>
        $"{file.Title}（{file.FileName}，{Sizes.Of(file.Length)}，SHA-256 {file.ContentHash}）";

    // The content once per hash, a piece at a time: each piece is saved and let go before the next is read.
    private static async Task StoreContentAsync(ContentScope scope, string hash, Stream content, CancellationToken cancellationToken)
    {
        var store = scope.Db;
        if (await store.EvidenceBlobs.AnyAsync(b => b.Hash == hash, cancellationToken)) return;
        store.EvidenceBlobs.Add(new EvidenceBlob { Hash = hash, Length = content.Length, CreatedAtUtc = scope.NowUtc });
        await store.SaveChangesAsync(cancellationToken);

        content.Position = 0;
        var buffer = new byte[EvidenceOptions.ChunkBytes];
        for (var index = 0; ; index++)
        {
            var read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            if (read == 0) break;
            var chunk = new EvidenceChunk { Hash = hash, Index = index, Data = buffer[..read] };
            store.EvidenceChunks.Add(chunk);
            await store.SaveChangesAsync(cancellationToken);
            store.Entry(chunk).State = EntityState.Detached;
        }
    }
}
