using EduDuty.Application.Evaluations;
using EduDuty.Core.Evidence;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evidence;

/// <summary>
/// A supervisor judges a piece of evidence 充分 or 不充分 (with the reason the county reads beside the indicator and in its
/// to-do), while the evaluation is in review (<see cref="Core.Review.EvaluationPolicy.JudgeEvidence"/>). The piece's
/// version is checked; the verdict is audited on the evaluation's record with the content's hash.
/// </summary>
public sealed class JudgeEvidence(EduDutyDbContext db, TimeProvider clock)
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
        if (why?.Length > MaxReasonLength) return new EvidenceChangeResult(EvidenceChangeStatus.Invalid, $"理由过长：最多 {MaxReasonLength} 个字。");

        var file = await db.EvidenceFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.EvaluationId == workspace.Id, cancellationToken);
        if (file is null) return new EvidenceChangeResult(EvidenceChangeStatus.NotFound, "这份材料已被删除。");
        if (file.Version != version) return new EvidenceChangeResult(EvidenceChangeStatus.Conflict, ChangeEvidence.Moved);

        var now = clock.GetUtcNow().UtcDateTime;
        var before = file.Verdict is { } old ? Describe(old, file.VerdictReason) : null;
        file.Verdict = verdict;
        file.VerdictReason = why;
        file.VerdictByName = actor.DisplayName;
        file.VerdictAtUtc = now;
        file.Version++;
        db.AuditEntries.Add(AuditEntry.Of(workspace.Id, AuditKind.Evidence, new EvidenceTarget(file.AreaKey, file.FieldCode).AuditTarget,
            before is null ? null : $"{file.Title}：{before}", $"{file.Title}：{Describe(verdict, why)}（SHA-256 {file.ContentHash}）",
            actor.Id, actor.DisplayName, now, AuditSource.Review));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new EvidenceChangeResult(EvidenceChangeStatus.Conflict, ChangeEvidence.Moved);
        }

        return new EvidenceChangeResult(EvidenceChangeStatus.Changed, $"已将“{file.Title}”评为{Describe(verdict, null)}。");
    }

    public static string Describe(EvidenceVerdict verdict, string? reason) =>
        (verdict == EvidenceVerdict.Insufficient ? "不充分" : "充分") + (reason is null ? "" : $"：{reason}");
}
