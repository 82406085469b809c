namespace EduDuty.Data.Entities;

/// <summary>
/// One entered value of one input field. Exactly one of <see cref="Number"/>, <see cref="Flag"/> and
/// <see cref="Text"/> is set, according to the field's kind in the scheme. Derived values are never stored.
/// </summary>
public class FigureValue
{
    public long Id { get; set; }

    public int EvaluationId { get; set; }

    public required string FieldCode { get; set; }

    public decimal? Number { get; set; }

    public bool? Flag { get; set; }

    public string? Text { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string? UpdatedByUserId { get; set; }

    /// <summary>
    /// Last year's evaluation this value was carried from when the year was opened (shown as "来自上年" with a link); cleared
    /// when anyone changes the value, which is then theirs. A number, not a foreign key: the link is informative.
    /// </summary>
    public int? CarriedFromEvaluationId { get; set; }

    /// <summary>
    /// The survey round whose results filled this value (来自满意度调查, issue 31); such a field is nobody's to type
    /// (<see cref="Core.Departments.FieldOwner.FromSurvey"/>). A number, not a foreign key: the link is informative.
    /// </summary>
    public int? FromSurveyRoundId { get; set; }

    /// <summary>Concurrency token: raised by every change, checked by every save (decision 0007).</summary>
    public int Version { get; set; }
}
