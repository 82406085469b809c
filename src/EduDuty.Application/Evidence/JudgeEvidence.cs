using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Evidence;
using EduDuty.Core.Review;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evidence;

/// <summary>
/// A supervisor judges a piece of evidence 充分 or 不充分 (with the reason the county reads beside the indicator and in its
/// to-do), while the evaluation is in review (<see cref="EvaluationPolicy.JudgeEvidence"/>), through the guarded write path:
/// the evaluation is claimed in SQL with the same rule, so a verdict posted while a colleague approves either lands before
/// the approval or is refused, never after it. The piece's version is checked inside the claim; the verdict is audited on
/// the evaluation's record with the content's hash.
/// </summary>
public sealed class JudgeEvidence(ContentWriter content)
{
    public const int MaxReasonLength = 1000;

    public async Task<EvidenceChangeResult> HandleAsync(
        Workspace workspace, int fileId, int version, EvidenceVerdict verdict, string? reason, Actor actor, CancellationToken cancellationToken)
    {
        var permission = workspace.JudgeEvidence;
        if (!permission.Allowed) return new EvidenceChangeResult(EvidenceChangeStatus.Refused, permission.Reason!);
        var why = string.IsNullOrWhiteSpace(reason) ? null : Core.Text.ChinesePunctuation.Normalize(reason.Trim());
        if (verdict == EvidenceVerdict.Insufficient && why is null)
            return new EvidenceChangeResult(EvidenceChangeStatus.Invalid, "评为“不充分”时请写明理由，例如缺少哪份文件、哪一页不清楚，县级据此补充。");
        if (Core.Text.ReasonText.Check(why, "评定理由", MaxReasonLength) is { } bad) return new EvidenceChangeResult(EvidenceChangeStatus.Invalid, bad.Text);

        string? title = null;
        var write = await content.WriteAsync(EvaluationAction.JudgeEvidence, workspace, actor, AuditSource.Review, async (scope, ct) =>
        {
            var file = await scope.Db.EvidenceFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.EvaluationId == workspace.Id, ct);
            if (file is null) return (EvidenceChangeStatus.NotFound, false);
            if (file.Version != version) return (EvidenceChangeStatus.Conflict, false);

            var before = file.Verdict is { } old ? Describe(old, file.VerdictReason) : null;
            file.Verdict = verdict;
            file.VerdictReason = why;
            file.VerdictByName = actor.DisplayName;
            file.VerdictAtUtc = scope.NowUtc;
            file.Version++;
            title = file.Title;
            scope.Audit(AuditKind.Evidence, new EvidenceTarget(file.AreaKey, file.FieldCode).AuditTarget,
                before is null ? null : $"{file.Title}：{before}", $"{file.Title}：{Describe(verdict, why)}（SHA-256 {file.ContentHash}）");
            return (EvidenceChangeStatus.Changed, true);
        }, cancellationToken);

        return ChangeEvidence.Result(write, $"已将“{title}”评为{Describe(verdict, null)}。");
    }

    public static string Describe(EvidenceVerdict verdict, string? reason) =>
        (verdict == EvidenceVerdict.Insufficient ? "不充分" : "充分") + (reason is null ? "" : $"：{reason}");
}
