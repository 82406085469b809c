using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Evidence;
using EduDuty.Core.Messaging;
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

    /// <param name="verdict">Null when the form chose neither (invalid).</param>
    /// <returns>Done with the note the page shows; else refused (not a supervisor, not in review), invalid, or a conflict.</returns>
    public async Task<Outcome<Unit>> HandleAsync(
        Workspace workspace, int fileId, int version, EvidenceVerdict? verdict, string? reason, Actor actor, CancellationToken cancellationToken)
    {
        var permission = workspace.JudgeEvidence;
        if (!permission.Allowed) return Outcome.Refused(permission.Refusal!);
        if (verdict is not { } given) return Outcome.Invalid("verdict", "请选择“充分”或“不充分”。");
        var why = string.IsNullOrWhiteSpace(reason) ? null : Core.Text.ChinesePunctuation.Normalize(reason.Trim());
        if (given == EvidenceVerdict.Insufficient && why is null)
            return Outcome.Invalid("reason", "评为“不充分”时请写明理由，例如缺少哪份文件、哪一页不清楚，县级据此补充。");
        if (Core.Text.ReasonText.Check(why, "评定理由", MaxReasonLength) is { } bad) return Outcome.Invalid(bad);

        var write = await content.WriteAsync(EvaluationAction.JudgeEvidence, workspace, actor, AuditSource.Review, async (scope, ct) =>
        {
            if (await ChangeEvidence.PieceAsync(scope, fileId, version, ct) is not { } file) return (await ChangeEvidence.MissingAsync(scope, fileId, ct), false);

            var before = file.Verdict is { } old ? Describe(old, file.VerdictReason) : null;
            file.Verdict = given;
            file.VerdictReason = why;
            file.VerdictByName = actor.DisplayName;
            file.VerdictAtUtc = scope.NowUtc;
            file.Version++;
            scope.Audit(AuditKind.Evidence, new EvidenceTarget(file.AreaKey, file.FieldCode).AuditTarget,
                before is null ? null : $"{file.Title}：{before}", $"{file.Title}：{Describe(given, why)}（SHA-256 {file.ContentHash}）");
            return (Outcome.DoneSaying($"已将“{file.Title}”评为{Describe(given, null)}。"), true);
        }, cancellationToken);
        return ContentOutcomes.Of(write, Messages.EvidenceMoved);
    }

    public static string Describe(EvidenceVerdict verdict, string? reason) =>
        (verdict == EvidenceVerdict.Insufficient ? "不充分" : "充分") + (reason is null ? "" : $"：{reason}");
}
