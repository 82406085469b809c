using System.Text.Json;

namespace EduDuty.Core.Schemes;

// The JSON shape of a scheme file (docs/scheme-format.md). Every member is nullable so that a missing
// value is reported by the validator with the field named, rather than by the serializer.
internal sealed class SchemeDocument
{
    public string? Code { get; set; }
    public int? Version { get; set; }
    public int? Year { get; set; }
    public string? Province { get; set; }
    public string? Title { get; set; }
    public string? DocumentNumber { get; set; }
    public string? Issuer { get; set; }
    public string? RulesTitle { get; set; }
    public int? KeyContentCount { get; set; }
    public ReportDefaultsDocument? Report { get; set; }
    public List<AreaDocument?>? Areas { get; set; }

    public ScoringDocument? Scoring { get; set; }

    public PlausibilityDocument? Plausibility { get; set; }
}

internal sealed class PlausibilityDocument
{
    public decimal? GrowthRange { get; set; }
    public decimal? ChangeRange { get; set; }
    public List<PlausibilityRuleDocument?>? Rules { get; set; }
}

internal sealed class PlausibilityRuleDocument
{
    public string? Kind { get; set; }
    public string? Severity { get; set; }
    public string? Field { get; set; }
    public List<string?>? Parts { get; set; }
    public string? Total { get; set; }
    public string? Previous { get; set; }
    public decimal? Range { get; set; }
}

internal sealed class ScoringDocument
{
    public int? Precision { get; set; }
    public List<GradeDocument?>? Grades { get; set; }
    public List<BonusDocument?>? Bonus { get; set; }
    public decimal? BonusCap { get; set; }
    public List<VetoDocument?>? Vetoes { get; set; }
}

internal sealed class GradeDocument
{
    public string? Name { get; set; }
    public decimal? Min { get; set; }
}

internal sealed class BonusDocument
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public decimal? Points { get; set; }
}

internal sealed class VetoDocument
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Field { get; set; }
    public bool? When { get; set; }
    public string? Grade { get; set; }
}

internal sealed class PointsDocument
{
    public decimal? Full { get; set; }
    public string? Deduct { get; set; }
    public decimal? Amount { get; set; }
    public decimal? Unit { get; set; }
}

internal sealed class ReportDefaultsDocument
{
    public string? Intro { get; set; }
    public string? ProblemsLead { get; set; }
    public string? PlansLead { get; set; }
    public List<PlanDocument?>? Plans { get; set; }

    /// <summary>The longest body the report may have, in characters (<see cref="Reports.ReportLength"/>); read as any JSON value so that a wrong one is named.</summary>
    public JsonElement MaxLength { get; set; }
}

internal sealed class PlanDocument
{
    public string? Heading { get; set; }
    public string? Text { get; set; }
}

internal sealed class ProblemDocument
{
    public string? Heading { get; set; }
    public string? Measures { get; set; }
    public string? Group { get; set; }
}

internal sealed class AreaDocument
{
    public string? Key { get; set; }
    public int? Number { get; set; }
    public string? Zh { get; set; }
    public string? En { get; set; }
    public List<string?>? DefaultTexts { get; set; }
    public List<FieldDocument?>? Fields { get; set; }
}

internal sealed class FieldDocument
{
    public string? Code { get; set; }
    public string? Kind { get; set; }
    public string? Zh { get; set; }
    public string? En { get; set; }
    public string? Unit { get; set; }
    public string? Formula { get; set; }
    public ThresholdDocument? Threshold { get; set; }
    public int? Precision { get; set; }
    public string? Source { get; set; }
    public ProblemDocument? Problem { get; set; }

    public string? Measure { get; set; }

    public bool? Check { get; set; }

    public string? Help { get; set; }

    public string? DataSource { get; set; }

    public string? CarryFrom { get; set; }

    public string? Department { get; set; }

    public PointsDocument? Points { get; set; }
}

internal sealed class ThresholdDocument
{
    public string? Op { get; set; }
    public JsonElement Value { get; set; }
}
