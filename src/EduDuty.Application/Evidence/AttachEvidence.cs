using EduDuty.Application.Departments;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Departments;
using EduDuty.Core.Evidence;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Evidence;

/// <summary>One uploaded file: its name as the browser sent it and its content, readable and seekable (a temporary file).</summary>
public sealed record EvidenceUpload(string? FileName, Stream Content);

/// <summary>The county's description of a piece: title (the file name when blank), 文号 and date, all optional.</summary>
public sealed record EvidenceDetails(string? Title, string? DocumentNumber, DateOnly? DocumentDate);

/// <summary>
/// Attaches one file to an evaluation: the file passes <see cref="EvidenceInspection"/> (what it is, that its name says so, no
/// program, script, macro or virus; the size), and
/// it is written through the guarded path like every change of content (locked after submission or the deadline, only by the
/// county's users, or by a department to the indicators its fields feed: decision 0054), audited with its hash. The evaluation's quota is checked inside the claim, so uploads at the same moment
/// are counted one after the other and together never pass it. The bytes are stored once per content
/// (<see cref="EvidenceStore"/>), in the same transaction as the row. A refused or failed file stores nothing.
/// </summary>
public sealed class AttachEvidence(ContentWriter content, EvidenceStore store, EvidenceInspection inspection)
{
    public const int MaxTitleLength = 200;
    public const int MaxDocumentNumberLength = 100;

    /// <param name="source">How the file came in, as the audit shows it (上传, or 演示数据 for the demo).</param>
    /// <returns>
    /// Done with the piece stored; else why not, for this one file (the page names the file before it): invalid for what it is
    /// or how it is described, refused by the rules or a full quota, a failed save. Nothing is stored unless it is done.
    /// </returns>
    public async Task<Outcome<EvidenceFile>> HandleAsync(
        Workspace workspace, EvidenceTarget target, EvidenceUpload upload, EvidenceDetails details, Actor actor, CancellationToken cancellationToken,
        AuditSource source = AuditSource.Upload)
    {
        var name = EvidenceFileName.Clean(upload.FileName);
        // A department user (issue 30) uploads under its own action; to which indicators, the rule decides inside the claim.
        if (!workspace.FigureEdit.Allowed) return Outcome.Refused(workspace.FigureEdit.Refusal!);
        if (Problem(details) is { } bad) return Outcome.Invalid(bad);
        var title = TitleOf(name, details.Title);
        if (title.Length > MaxTitleLength) return Outcome.Invalid("Title", $"标题过长：最多 {MaxTitleLength} 个字，当前 {title.Length} 个。");
        var number = string.IsNullOrWhiteSpace(details.DocumentNumber) ? null : details.DocumentNumber.Trim();
        if (number?.Length > MaxDocumentNumberLength) return Outcome.Invalid("DocumentNumber", $"文号过长：最多 {MaxDocumentNumberLength} 个字。");

        var inspected = await inspection.InspectAsync(upload, cancellationToken);
        if (inspected.Value is not { } file) return EvidenceInspection.Why(inspected);

        var hash = await EvidenceStore.HashAsync(upload.Content, cancellationToken);
        var length = upload.Content.Length;
        var action = actor.IsDepartmentUser ? EvaluationAction.DepartmentEdit : EvaluationAction.Edit;
        var write = await content.WriteAsync(action, workspace, actor, source, async (scope, ct) =>
        {
            if (actor.IsDepartmentUser && await DepartmentRefusalAsync(scope, workspace, target, ct) is { } notYours)
                return ((Outcome<EvidenceFile>)Outcome.Refused(notYours), false);
            // Inside the claim: no other write to this evaluation can add a piece between this count and this commit.
            if (await store.QuotaRefusalAsync(workspace.Id, hash, length, ct) is { } full) return ((Outcome<EvidenceFile>)Outcome.Refused(full), false);
            // The content first (flushed a piece at a time in this transaction), then the row that names it: a failure at any
            // step rolls back both, so there is never a piece without its content nor content without a piece.
            await store.StoreAsync(hash, upload.Content, scope.NowUtc, scope.FlushAsync, ct);
            var piece = new EvidenceFile
            {
                EvaluationId = workspace.Id, AreaKey = target.AreaKey, FieldCode = target.FieldCode, Title = title,
                DocumentNumber = number, DocumentDate = details.DocumentDate, FileName = name, ContentHash = hash, Length = length,
                Kind = file.Kind, UploadedByUserId = actor.Id, UploadedByName = actor.IsDepartmentUser ? actor.RecordedName : actor.DisplayName, UploadedAtUtc = scope.NowUtc,
            };
            scope.Db.EvidenceFiles.Add(piece);
            scope.Audit(AuditKind.Evidence, target.AuditTarget, null, Describe(piece));
            return (Outcome.Done(piece), true);
        }, cancellationToken);
        // A version that moved is not expected here (a new row); a save the database refused, most likely the same new content
        // uploaded to another evaluation at the same moment, answers SaveFailed: nothing was kept, try again.
        return ContentOutcomes.Of(write, Messages.RowChanged);
    }

    /// <summary>
    /// A department's evidence (issue 30, decision 0054), decided inside the claim on the owners stored now: only for an
    /// indicator any of whose inputs is the department's (<see cref="DepartmentWork.MayAttachEvidence"/>), while one of those is
    /// still with it (<see cref="DepartmentWork.MayStillAttachEvidence"/>: not 已报送 nor 已采纳).
    /// </summary>
    private static async Task<Message?> DepartmentRefusalAsync(ContentScope scope, Workspace workspace, EvidenceTarget target, CancellationToken cancellationToken)
    {
        if (scope.Actor.DepartmentId is not { } departmentId) return Messages.DepartmentMissing;
        var owners = await FieldOwners.LoadAsync(scope.Db, workspace.Id, workspace.CountyId, workspace.Scheme, cancellationToken);
        var label = target.LabelIn(workspace.Scheme) ?? (target.AreaKey is { } area ? workspace.Scheme.LabelTarget(area) : Core.Schemes.Scheme.WholeEvaluation);
        if (!DepartmentWork.MayAttachEvidence(workspace.Scheme, owners, departmentId, target.FieldCode)) return Messages.DepartmentEvidenceNotYours(label);
        return DepartmentWork.MayStillAttachEvidence(workspace.Scheme, owners, departmentId, target.FieldCode) ? null : Messages.DepartmentEvidenceLocked(label);
    }

    /// <summary>The input rule over a piece's title and 文号 (one line each, decision 0028); null when both may be stored.</summary>
    public static IReadOnlyList<FieldProblem>? Problem(EvidenceDetails details) =>
        PlainText.Check(details.Title, "材料标题") is { } title ? [new FieldProblem("Title", title.Text)]
        : PlainText.Check(details.DocumentNumber, "文号") is { } number ? [new FieldProblem("DocumentNumber", number.Text)]
        : null;

    /// <summary>How the audit records a piece: title, file, size and the content's hash.</summary>
    public static string Describe(EvidenceFile file) => Describe(file.Title, file.FileName, file.Length, file.ContentHash);

    /// <summary>
    /// A recorded description as people read it (修改记录, 退回后县级修改的内容): title, file name and size, without the SHA-256,
    /// which stays in the stored entry (the audit chain and the exports' verification keep it).
    /// </summary>
    public static string? Readable(string? description) =>
        description is null ? null : System.Text.RegularExpressions.Regex.Replace(description, "，SHA-256 [0-9a-fA-F]{64}", string.Empty);

    /// <summary>How the audit records any stored piece (an evaluation's or a rectification task's).</summary>
    public static string Describe(string title, string fileName, long length, string hash) =>
        $"{title}（{fileName}，{Sizes.Of(length)}，SHA-256 {hash}）";

    /// <summary>The title a piece is shown under: the one typed (punctuation normalised), else the file name without its extension.</summary>
    public static string TitleOf(string cleanName, string? title) =>
        string.IsNullOrWhiteSpace(title) ? EvidenceFileName.DefaultTitle(cleanName) : ChinesePunctuation.Normalize(title.Trim());
}
