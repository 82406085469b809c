using EduDuty.Core.Figures;
using EduDuty.Core.Reports;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Evaluations;

/// <summary>
/// One evaluation as a user in scope sees it: its scheme, stored figures and texts, what the rules make of them, and what
/// this user may do with it (decided by <see cref="EvaluationPolicy"/>).
/// </summary>
public sealed class Workspace
{
    public required int Id { get; init; }

    public required string County { get; init; }

    public required int CountyId { get; init; }

    public required string CountyPath { get; init; }

    public required int Year { get; init; }

    public required int SchemeId { get; init; }

    /// <summary>The content hash of the scheme version, recorded with the summary computed under it.</summary>
    public required string SchemeHash { get; init; }

    public required EvaluationStatus Status { get; init; }

    public required DateTime UpdatedAtUtc { get; init; }

    public required Scheme Scheme { get; init; }

    /// <summary>Stored figure rows by field code, including cleared ones (which keep their version).</summary>
    public required IReadOnlyDictionary<string, FigureValue> FigureRows { get; init; }

    public required IReadOnlyDictionary<string, AreaNarrative> Narratives { get; init; }

    /// <summary>Display names of the users who last changed something here, by user id.</summary>
    public required IReadOnlyDictionary<string, string> UserNames { get; init; }

    public required EvaluationResult Result { get; init; }

    public required DeadlineState Deadline { get; init; }

    /// <summary>The state, deadline and missing required figures: what the rules decide on.</summary>
    public required EvaluationFacts Facts { get; init; }

    /// <summary>The user this workspace was loaded for, as the rules see them.</summary>
    public required Viewer Viewer { get; init; }

    /// <summary>Whether the user may change figures, texts and the report now, and why not.</summary>
    public Permission Edit => EvaluationPolicy.Edit(Facts, Viewer);

    public bool CanEdit => Edit.Allowed;

    /// <summary>
    /// Whether the viewer may write figures now: a county user as <see cref="Edit"/>; a department user (issue 30) as
    /// <see cref="EvaluationPolicy.DepartmentEdit"/> — which of the fields, the write decides field by field.
    /// </summary>
    public Permission FigureEdit => Viewer.IsDepartmentUser ? EvaluationPolicy.DepartmentEdit(Facts, Viewer) : Edit;

    /// <summary>Whether the viewer may judge evidence 充分 / 不充分 now (a supervisor, while the evaluation is in review).</summary>
    public Permission JudgeEvidence => EvaluationPolicy.JudgeEvidence(Facts, Viewer);

    public Permission VerifyScore => EvaluationPolicy.VerifyScore(Facts, Viewer);

    /// <summary>Where the review stands and the transitions that are this user's to take.</summary>
    public ReviewPanel ReviewPanel => EvaluationPolicy.Panel(Facts, Viewer);

    /// <summary>Required inputs not entered yet, as "name（code）".</summary>
    public IReadOnlyList<string> MissingRequired => Facts.MissingRequired;

    public IReadOnlyDictionary<string, FieldValue> Values => FigureRows.Values.ToValues();

    /// <summary>Required and optional inputs, filled and missing, per area.</summary>
    public Completeness Completeness => _completeness ??= Completeness.Of(Result);

    private Completeness? _completeness;

    public AreaStats Stats(SchemeArea area)
    {
        var filled = Completeness[area.Key];
        var results = Result.InArea(area.Key).ToList();
        return new AreaStats(
            filled.Filled,
            filled.Inputs,
            results.Count(r => r.Status == JudgmentStatus.Fail),
            Result.OpenWarnings.Count(w => w.Field.AreaKey == area.Key));
    }

    public AreaStats TotalStats => Scheme.Areas.Select(Stats).Aggregate(new AreaStats(0, 0, 0, 0),
        (a, b) => new AreaStats(a.Entered + b.Entered, a.Total + b.Total, a.Failing + b.Failing, a.Warnings + b.Warnings));

    /// <summary>The scheme's default texts worded for this county's kind of region.</summary>
    public DefaultTexts Defaults => new(Scheme, County);


    public string NarrativeText(SchemeArea area) =>
        Narratives.TryGetValue(area.Key, out var n) ? n.Text : string.Join("\n", Defaults.Area(area));

    public int NarrativeVersion(string areaKey) => Narratives.TryGetValue(areaKey, out var n) ? n.Version : 0;

    public string UserName(string? userId) => userId is not null && UserNames.TryGetValue(userId, out var name) ? name : "—";

    /// <summary>The latest change in an area (figures or text): who and when, or null when nothing was entered yet.</summary>
    public (string User, DateTime AtUtc)? LastEdit(SchemeArea area)
    {
        var stamps = area.Fields
            .Select(f => FigureRows.GetValueOrDefault(f.Code))
            .Where(r => r is not null)
            .Select(r => (r!.UpdatedByUserId, r.UpdatedAtUtc))
            .ToList();
        if (Narratives.TryGetValue(area.Key, out var n)) stamps.Add((n.UpdatedByUserId, n.UpdatedAtUtc));
        if (stamps.Count == 0) return null;
        var last = stamps.MaxBy(s => s.UpdatedAtUtc);
        return (UserName(last.UpdatedByUserId), last.UpdatedAtUtc);
    }
}

public sealed record AreaStats(int Entered, int Total, int Failing, int Warnings);
