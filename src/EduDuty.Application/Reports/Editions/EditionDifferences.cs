using System.Text.Json;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Report;
using EduDuty.Core.Messaging;
using EduDuty.Core.Reports;
using EduDuty.Core.Review;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Reports.Editions;

/// <summary>Two editions of one evaluation and what differs between them (the earlier is <see cref="From"/>).</summary>
public sealed record EditionComparison(EditionInfo From, EditionInfo To, EditionDiff Diff);

/// <summary>The compare page's view: the editions to choose from (newest first) and the comparison asked for, if any.</summary>
/// <param name="Comparison">Null when the evaluation has fewer than two editions.</param>
public sealed record EditionComparisonView(IReadOnlyList<EditionInfo> Editions, EditionComparison? Comparison);

/// <summary>
/// What changed between frozen editions (issue 25, decision 0034): for a supervisor reviewing a resubmission, the submission
/// against the edition handed in before it (the one that was returned or reopened); on request, any two editions. The net
/// difference of what was handed in, read from the editions' snapshots — not from the audit, which <see cref="Evaluations.Review.ChangesSinceReturn"/>
/// still reads for evaluations resubmitted before editions existed.
/// </summary>
public sealed class EditionDifferences(EduDutyDbContext db)
{
    /// <summary>
    /// For a resubmission awaiting review: the latest submitted edition against the edition frozen before it. Null when the
    /// evaluation is not awaiting review, was submitted once, or the earlier submission predates editions (then the page
    /// falls back to the audit's list).
    /// </summary>
    public async Task<EditionComparison?> ForReviewAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        if (workspace.Status != EvaluationStatus.Submitted) return null;
        var latest = await Stored(Editions(workspace.Id).Where(e => e.Kind == EditionKind.Submitted).OrderByDescending(e => e.Id))
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null) return null;

        // The edition handed in before: the returned submission (or, after a reopening, the approval it undid).
        var earlier = await Stored(Editions(workspace.Id).Where(e => e.Id < latest.Info.Id).OrderByDescending(e => e.Id)).FirstOrDefaultAsync(cancellationToken);
        return earlier is null ? null : Compare(workspace, earlier, latest);
    }

    /// <summary>
    /// Any two editions, by number (a submission's approved edition holds its content, so a number names one content). Both
    /// null: the latest against the one before. Only <paramref name="to"/>: it against the number before it.
    /// </summary>
    public async Task<Outcome<EditionComparisonView>> CompareAsync(Workspace workspace, int? from, int? to, CancellationToken cancellationToken)
    {
        var editions = await db.ReportEditions.AsNoTracking().Where(e => e.EvaluationId == workspace.Id)
            .OrderByDescending(e => e.Id)
            .Select(e => new EditionInfo(e.Id, e.Number, e.Kind, e.CreatedAtUtc, e.CreatedByName, e.PdfHash, e.DocxHash, e.SignerSubject, e.SignerThumbprint, e.Opinion))
            .ToListAsync(cancellationToken);
        var numbers = editions.Select(e => e.Number).Distinct().Order().ToList();
        if (from is null && to is null && numbers.Count < 2) return Outcome.Done(new EditionComparisonView(editions, null));

        // Numbers asked of an evaluation without editions (a draft): the number asked is not there.
        if (numbers.Count == 0) return Outcome.NotFound(Messages.EditionCompareMissing((from ?? to)!.Value));
        var later = to ?? numbers[^1];
        var earlier = from ?? numbers.LastOrDefault(n => n < later);
        if (earlier == later) return Outcome.Invalid(Messages.EditionCompareSame(later));
        if (!numbers.Contains(later)) return Outcome.NotFound(Messages.EditionCompareMissing(later));
        if (!numbers.Contains(earlier)) return earlier == 0 ? Outcome.NotFound(Messages.EditionCompareNoEarlier(later)) : Outcome.NotFound(Messages.EditionCompareMissing(earlier));
        if (earlier > later) (earlier, later) = (later, earlier);

        var a = await ContentOfAsync(workspace.Id, earlier, cancellationToken);
        var b = await ContentOfAsync(workspace.Id, later, cancellationToken);
        return Outcome.Done(new EditionComparisonView(editions, Compare(workspace, a, b)));
    }

    private IQueryable<ReportEdition> Editions(int evaluationId) => db.ReportEditions.AsNoTracking().Where(e => e.EvaluationId == evaluationId);

    // An edition's list entry and its snapshot, without the stored PDF and Word bytes.
    private sealed record StoredEdition(EditionInfo Info, string Snapshot);

    private static IQueryable<StoredEdition> Stored(IQueryable<ReportEdition> editions) => editions.Select(e => new StoredEdition(
        new EditionInfo(e.Id, e.Number, e.Kind, e.CreatedAtUtc, e.CreatedByName, e.PdfHash, e.DocxHash, e.SignerSubject, e.SignerThumbprint, e.Opinion),
        e.Snapshot));

    // A number's content: its submitted edition, else (approved before editions existed) its approved one.
    private Task<StoredEdition> ContentOfAsync(int evaluationId, int number, CancellationToken cancellationToken) =>
        Stored(Editions(evaluationId).Where(e => e.Number == number).OrderBy(e => e.Kind).ThenBy(e => e.Id)).FirstAsync(cancellationToken);

    private static EditionComparison Compare(Workspace workspace, StoredEdition earlier, StoredEdition later) => new(
        earlier.Info, later.Info,
        EditionDiff.Of(Content(EditionSnapshot.FromJson(earlier.Snapshot)), Content(EditionSnapshot.FromJson(later.Snapshot)), workspace.Scheme));

    /// <summary>A snapshot as the diff reads it: the 存在问题 and 工作计划 lists, stored as JSON, as the lines a reader reads.</summary>
    internal static EditionContent Content(EditionSnapshot snapshot) => new(
        snapshot.Figures.GroupBy(f => f.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
        snapshot.Texts.GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Readable(g.Key, g.Last().Text), StringComparer.Ordinal),
        snapshot.Evidence.Select(e => new EditionFileEntry(e.Target, e.Title, e.FileName, e.Length, e.Sha256)).ToList());

    private static string Readable(string key, string text)
    {
        try
        {
            return key switch
            {
                "报告.存在问题" => string.Join("\n", JsonSerializer.Deserialize<List<ReportPage.ProblemJson>>(text, ReportPage.Json)!
                    .Select((p, i) => $"{i + 1}. {p.Heading}\n{p.Measures}" + (p.Codes is { Count: > 0 } codes ? $"\n（对应指标：{string.Join("、", codes)}）" : ""))),
                "报告.工作计划" => string.Join("\n", JsonSerializer.Deserialize<List<ReportPage.PlanJson>>(text, ReportPage.Json)!
                    .Select((p, i) => $"{i + 1}. {p.Heading}\n{p.Text}")),
                _ => text,
            };
        }
        catch (JsonException)
        {
            return text; // not the list it should be: compared as stored
        }
    }
}
