using EduDuty.Core.Schemes;

namespace EduDuty.Core.Reports;

/// <summary>
/// The county's own words for its report (docs/report-texts-format.md). Null means "use the scheme's default".
/// </summary>
public sealed record ReportTexts
{
    public string? Issuer { get; init; }

    public string? Title { get; init; }

    public string? Addressee { get; init; }

    public DateOnly? Date { get; init; }

    public string? Intro { get; init; }

    public IReadOnlyList<string>? Basic { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Areas { get; init; }

    /// <summary>The lead of 上年度问题整改情况, with its live counts (<see cref="Rectification.RectificationSection"/>).</summary>
    public string? RectificationLead { get; init; }

    public string? ProblemsLead { get; init; }

    public IReadOnlyList<ProblemText>? Problems { get; init; }

    public string? PlansLead { get; init; }

    public IReadOnlyList<PlanText>? Plans { get; init; }

    public static readonly ReportTexts Defaults = new();
}

/// <summary>A 存在问题 item written by the county; <see cref="Codes"/> ties it to failing indicators.</summary>
public sealed record ProblemText(string Heading, string Measures, IReadOnlyList<string> Codes);

/// <summary>
/// A 存在问题 item as the report prints it: the county's own (<see cref="Automatic"/> false) or made from a failing
/// indicator's problem template. <see cref="Codes"/> are the indicators it covers; texts may hold placeholders.
/// </summary>
public sealed record ProblemItem(string Heading, string Measures, IReadOnlyList<string> Codes, bool Automatic);
