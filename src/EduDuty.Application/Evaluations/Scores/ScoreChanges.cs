using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Scores;

/// <summary>
/// The county applies for a bonus item with its reason, or withdraws it — content of the evaluation, so through the guarded
/// write path (editable only while the county may edit) and audited. A supervisor grants or refuses a claim, or sets an
/// indicator's verified points, while the evaluation is in review (<see cref="Core.Review.EvaluationPolicy.VerifyScore"/>),
/// each with a reason, audited on the evaluation — through the same guarded path with the review's rule, so a decision posted
/// while a colleague approves either lands before the approval or is refused, never after it. The summary's scores follow
/// in the same transaction. Each answers done with what to tell the user (its note), invalid naming the field
/// (<c>ScoreCode</c>, <c>ScorePoints</c>, <c>ScoreReason</c>), refused by the rules, or a conflict when someone else was first.
/// A decision and an adjustment carry the version of the claim or adjustment the supervisor saw, checked inside the claim of
/// the evaluation row (issue 24): of eight supervisors deciding one claim at once, the first lands and the others are told
/// that it moved — nobody overwrites a decision they never saw.
/// </summary>
public sealed class ScoreChanges(EduDutyDbContext db, ContentWriter content)
{
    public const int MaxReason = 1000;

    public async Task<Outcome<Unit>> ApplyAsync(Workspace workspace, Actor actor, string code, string? reason, bool withdraw, CancellationToken cancellationToken)
    {
        if (!workspace.CanEdit) return Outcome.Refused(workspace.Edit.Refusal!);
        if (workspace.Scheme.Scoring?.FindBonus(code) is not { } item) return Outcome.Invalid(Messages.UnknownBonus(code));
        var why = Clean(reason);
        if (!withdraw && why is null) return Outcome.Invalid(ReasonField, $"申请“{item.Name}”加分时请写明理由（做了什么、何时、有何依据）。");
        if (ReasonText.Check(why, "理由", MaxReason) is { } badReason) return Outcome.Invalid(ReasonField, badReason.Text);
        // A claim comes with its proof: at least one piece of evidence attached to the item (the supervisor decides on it).
        var proof = Evidence.EvidenceTarget.Bonus(code);
        if (!withdraw && !await db.EvidenceFiles.AnyAsync(f => f.EvaluationId == workspace.Id && f.AreaKey == proof.AreaKey && f.FieldCode == proof.FieldCode, cancellationToken))
            return Outcome.Refused(Messages.BonusNeedsProof(code, item.Name));

        var write = await content.WriteAsync(workspace, actor, AuditSource.Form, async (scope, ct) =>
        {
            var claim = await scope.Db.BonusClaims.SingleOrDefaultAsync(c => c.EvaluationId == workspace.Id && c.Code == code, ct);
            if (withdraw)
            {
                if (claim is null) return (Outcome.DoneSaying("没有需要撤回的申请。"), false);
                scope.Db.BonusClaims.Remove(claim);
                scope.Audit(AuditKind.Score, $"申请加分 {code} {item.Name}", claim.Reason, null);
                return (Outcome.DoneSaying($"已撤回“{item.Name}”的加分申请。"), true);
            }

            var before = claim?.Reason;
            if (before == why) return (Outcome.DoneSaying("没有需要保存的修改。"), false);
            if (claim is null) scope.Db.BonusClaims.Add(claim = new BonusClaim { EvaluationId = workspace.Id, Code = code, Reason = why!, AppliedByName = actor.DisplayName });
            claim.Reason = why!;
            claim.AppliedByName = actor.DisplayName;
            claim.AppliedAtUtc = scope.NowUtc;
            claim.Granted = null; // a changed claim is decided afresh
            claim.DecisionReason = null;
            claim.Version++;
            scope.Audit(AuditKind.Score, $"申请加分 {code} {item.Name}", before, why);
            return (Outcome.DoneSaying($"已申请“{item.Name}”加分 {DisplayFormat.Compact(item.Points, workspace.Scheme.Scoring!.Precision)} 分。"), true);
        }, cancellationToken);
        return Answer(write);
    }

    /// <param name="seenVersion">The claim's version the page showed (<see cref="Data.Entities.BonusClaim.Version"/>); null: none was shown.</param>
    public async Task<Outcome<Unit>> DecideAsync(Workspace workspace, Actor actor, string code, bool grant, string? reason, int? seenVersion, CancellationToken cancellationToken)
    {
        if (!workspace.VerifyScore.Allowed) return Outcome.Refused(workspace.VerifyScore.Refusal!);
        var why = Clean(reason);
        if (!grant && why is null) return Outcome.Invalid(ReasonField, "不予加分时请写明理由，县级据此了解原因。");
        if (ReasonText.Check(why, "理由", MaxReason) is { } badReason) return Outcome.Invalid(ReasonField, badReason.Text);

        var write = await content.WriteAsync(EvaluationAction.VerifyScore, workspace, actor, AuditSource.Review, async (scope, ct) =>
        {
            var claim = await scope.Db.BonusClaims.SingleOrDefaultAsync(c => c.EvaluationId == workspace.Id && c.Code == code, ct);
            if (claim is null) return (Outcome.Conflict(Messages.BonusClaimGone), false);
            if (claim.Version != seenVersion) return (Outcome.Conflict(Messages.BonusClaimMoved), false);

            var before = Decision(claim.Granted, claim.DecisionReason);
            claim.Granted = grant;
            claim.DecisionReason = why;
            claim.DecidedByName = actor.DisplayName;
            claim.DecidedAtUtc = scope.NowUtc;
            claim.Version++;
            scope.Audit(AuditKind.Score, $"申请加分 {code}", before, Decision(grant, why));
            return (Outcome.DoneSaying(grant ? $"已同意加分 {code}。" : $"已不予加分 {code}。"), true);
        }, cancellationToken);
        return Answer(write);
    }

    /// <param name="seenVersion">The adjustment's version the page showed (<see cref="Data.Entities.PointsAdjustment.Version"/>; 0 when it showed none).</param>
    public async Task<Outcome<Unit>> AdjustAsync(Workspace workspace, Actor actor, string code, decimal? points, string? reason, int seenVersion, CancellationToken cancellationToken)
    {
        if (!workspace.VerifyScore.Allowed) return Outcome.Refused(workspace.VerifyScore.Refusal!);
        if (workspace.Scheme.FindField(code) is not { Points: { } rule } field) return Outcome.Invalid(Messages.NotScored(code));
        var why = Clean(reason);
        if (points is { } p && (p < 0 || p > rule.Full))
            return Outcome.Invalid(PointsField, $"{field.NameZh}的核定得分应在 0 到 {DisplayFormat.Compact(rule.Full, 2)} 分之间，请修改后重新提交。");
        if (points is not null && why is null) return Outcome.Invalid(ReasonField, "调整得分时请写明理由（为何与自评不同、依据是什么）。");
        if (ReasonText.Check(why, "理由", MaxReason) is { } badReason) return Outcome.Invalid(ReasonField, badReason.Text);

        var write = await content.WriteAsync(EvaluationAction.VerifyScore, workspace, actor, AuditSource.Review, async (scope, ct) =>
        {
            var adjustment = await scope.Db.PointsAdjustments.SingleOrDefaultAsync(a => a.EvaluationId == workspace.Id && a.Code == code, ct);
            if ((adjustment?.Version ?? 0) != seenVersion) return (Outcome.Conflict(Messages.AdjustmentMoved), false);
            var before = adjustment is null ? null : $"{adjustment.Points} 分：{adjustment.Reason}";
            if (points is null)
            {
                if (adjustment is null) return (Outcome.DoneSaying("没有需要撤销的调整。"), false);
                scope.Db.PointsAdjustments.Remove(adjustment);
            }
            else
            {
                if (adjustment is null) scope.Db.PointsAdjustments.Add(adjustment = new PointsAdjustment { EvaluationId = workspace.Id, Code = code, Reason = why!, ByName = actor.DisplayName });
                adjustment.Points = points.Value;
                adjustment.Reason = why!;
                adjustment.ByName = actor.DisplayName;
                adjustment.AtUtc = scope.NowUtc;
                adjustment.Version++;
            }

            scope.Audit(AuditKind.Score, $"核定得分 {code}", before, points is null ? null : $"{points} 分：{why}");
            return (Outcome.DoneSaying(points is null ? $"已撤销{field.NameZh}的得分调整。" : $"已将{field.NameZh}核定为 {points} 分。"), true);
        }, cancellationToken);
        return Answer(write);
    }

    /// <summary>The form fields a problem names (the overview's score forms).</summary>
    public const string ReasonField = "ScoreReason";

    public const string PointsField = "ScorePoints";

    // Done or not as the write decided; a version that moved under the save is another supervisor's decision first.
    /// <summary>
    /// The versions a score card showed, as its forms post them in one field: "bonus:J01=2;points:A01.03=1". What it did not
    /// show is absent (a claim: null, an adjustment: 0).
    /// </summary>
    public static string Seen(ScoreView view) => string.Join(';',
        view.Claims.Select(c => $"bonus:{c.Code}={c.Version}").Concat(view.Adjustments.Select(a => $"points:{a.Code}={a.Version}")));

    /// <summary>The version of <paramref name="kind"/> ("bonus", "points") <paramref name="code"/> in a <see cref="Seen"/> field.</summary>
    public static int? SeenVersion(string? seen, string kind, string code) =>
        (seen ?? "").Split(';').Select(p => p.Split('=')).Where(p => p.Length == 2 && p[0] == $"{kind}:{code}")
            .Select(p => int.TryParse(p[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (int?)null)
            .FirstOrDefault();

    private static Outcome<Unit> Answer(ContentWrite<Outcome<Unit>> write) => write.Status switch
    {
        ContentWriteStatus.Written or ContentWriteStatus.NotWritten => write.Value!,
        ContentWriteStatus.Conflict => Outcome.Conflict(Messages.ScoreMoved),
        _ => Outcome.Refused(write.Reason!),
    };

    private static string? Decision(bool? granted, string? reason) =>
        granted is null ? null : (granted.Value ? "同意加分" : "不予加分") + (reason is null ? "" : $"：{reason}");

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : ChinesePunctuation.Normalize(text.Trim());
}
