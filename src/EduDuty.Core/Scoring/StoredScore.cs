using EduDuty.Core.Rules;

namespace EduDuty.Core.Scoring;

/// <summary>
/// A score as lists keep it — a total and its grade, read back from a stored summary — and how lists print it at the
/// scheme's precision.
/// </summary>
public sealed record StoredScore(decimal Total, string Grade)
{
    /// <summary>The stored pair, when both halves are there.</summary>
    public static StoredScore? Of(decimal? total, string? grade) => total is { } t && grade is { } g ? new StoredScore(t, g) : null;

    /// <summary>"76.4" at the scheme's precision.</summary>
    public string Points(ScoringRules rules) => DisplayFormat.Compact(Total, rules.Precision);

    /// <summary>"81.4（良好）".</summary>
    public string WithGrade(ScoringRules rules) => $"{Points(rules)}（{Grade}）";
}
