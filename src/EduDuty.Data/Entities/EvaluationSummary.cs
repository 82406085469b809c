namespace EduDuty.Data.Entities;

/// <summary>
/// An evaluation's results in brief (<see cref="Core.Rules.ResultSummary"/>), written in the same transaction as every change
/// of its figures and whenever its scheme version changes, so that lists and the oversight pages read it instead of
/// evaluating every county per request. <see cref="SchemeHash"/> names the scheme text it was computed under.
/// </summary>
public class EvaluationSummary
{
    public int EvaluationId { get; set; }

    public int RequiredFilled { get; set; }

    public int Required { get; set; }

    public int OptionalFilled { get; set; }

    public int Optional { get; set; }

    public int FailingCount { get; set; }

    public int Warnings { get; set; }

    /// <summary>The failing indicators' codes, comma-separated, in catalog order.</summary>
    public string FailingCodes { get; set; } = string.Empty;

    /// <summary>Every judged number as the report prints it: "A10.03=99.82;A10.06=55.77".</summary>
    public string JudgedValues { get; set; } = string.Empty;

    /// <summary>The self-score (figures and the bonus applied for) under a scheme that scores; null otherwise (issue 16).</summary>
    public decimal? Score { get; set; }

    /// <summary>The grade that self-score earns after vetoes; null when the scheme does not score.</summary>
    public string? Grade { get; set; }

    /// <summary>The verified score (核定得分) once review has decided a claim or adjusted an indicator; null before and without scoring.</summary>
    public decimal? VerifiedScore { get; set; }

    /// <summary>The grade the verified score earns after vetoes.</summary>
    public string? VerifiedGrade { get; set; }

    public required string SchemeHash { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
