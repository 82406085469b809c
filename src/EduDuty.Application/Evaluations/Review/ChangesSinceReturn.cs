using EduDuty.Core.Review;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Review;

/// <summary>One thing the county changed after a return: its name, the value at the return and the value resubmitted.</summary>
public sealed record ReturnChange(AuditKind Kind, string Target, string Name, string? Before, string? After, string By, DateTime AtUtc);

/// <summary>
/// What the county changed between the latest return and the resubmission that followed, from the audit: each figure,
/// text or report setting once, with its value at the return and its value now (changes that were undone are left out).
/// What a supervisor reads first when an evaluation comes back.
/// </summary>
public sealed class ChangesSinceReturn(EduDutyDbContext db)
{
    /// <returns>The changes, or null when the evaluation is not a resubmission awaiting review.</returns>
    public async Task<IReadOnlyList<ReturnChange>?> HandleAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        if (workspace.Status != EvaluationStatus.Submitted) return null;
        var steps = await db.EvaluationTransitions.AsNoTracking().Where(t => t.EvaluationId == workspace.Id)
            .OrderByDescending(t => t.Id).Take(2).ToListAsync(cancellationToken);
        if (steps is not [{ Action: ReviewAction.Submit } submit, { Action: ReviewAction.Return or ReviewAction.Reopen } back]) return null;

        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EvaluationId == workspace.Id && a.AtUtc >= back.AtUtc && a.AtUtc <= submit.AtUtc)
            .OrderBy(a => a.ChainIndex).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return entries.GroupBy(a => (a.Kind, a.Target))
            .Select(g => new ReturnChange(g.Key.Kind, g.Key.Target, NameOf(workspace, g.Key.Kind, g.Key.Target),
                Shown(g.Key.Kind, g.First().OldValue), Shown(g.Key.Kind, g.Last().NewValue), g.Last().UserDisplayName, g.Last().AtUtc))
            .Where(c => c.Before != c.After)
            .ToList();
    }

    // An evidence piece reads as its title, file name and size: never its hash (issue 27).
    private static string? Shown(AuditKind kind, string? value) =>
        kind is AuditKind.Evidence or AuditKind.Rectification ? EduDuty.Application.Evidence.AttachEvidence.Readable(value) : value;

    private static string NameOf(Workspace workspace, AuditKind kind, string target) => kind switch
    {
        AuditKind.Narrative => (workspace.Scheme.FindArea(target)?.Heading ?? target) + " · 工作情况文字",
        AuditKind.Report => "自评报告设置",
        AuditKind.Rectification => target,
        AuditKind.Evidence => "佐证材料 · " + (target == "整体" ? "评价整体" : workspace.Scheme.FindArea(target)?.Heading ?? workspace.Scheme.DescribeTarget(target)),
        _ => workspace.Scheme.DescribeTarget(target),
    };
}
