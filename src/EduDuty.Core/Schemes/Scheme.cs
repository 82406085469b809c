namespace EduDuty.Core.Schemes;

/// <summary>
/// A provincial evaluation scheme of one year: its areas and fields, validated and immutable.
/// Built only through <see cref="SchemeLoader"/>, so every instance is known to be consistent.
/// </summary>
public sealed class Scheme
{
    private readonly Dictionary<string, SchemeField> _fieldsByCode;
    private readonly Dictionary<string, SchemeArea> _areasByKey;

    internal Scheme(SchemeInfo info, ReportDefaults report, IReadOnlyList<SchemeArea> areas)
    {
        Info = info;
        Report = report;
        Areas = areas;
        Fields = areas.SelectMany(a => a.Fields).ToList();
        _fieldsByCode = Fields.ToDictionary(f => f.Code, StringComparer.Ordinal);
        _areasByKey = areas.ToDictionary(a => a.Key, StringComparer.Ordinal);
    }

    public SchemeInfo Info { get; }

    /// <summary>Points, bonus items, veto items and grades, when the scheme scores; null for a scheme without scores (SX-2021).</summary>
    public Scoring.ScoringRules? Scoring { get; internal init; }

    /// <summary>The report's default texts: introduction, the lead paragraphs of sections 三 and 四, default plans.</summary>
    public ReportDefaults Report { get; }

    /// <summary>
    /// The most characters the report's body may have (<c>report.maxLength</c>; counted by <see cref="Reports.ReportLength"/>), or
    /// null when the scheme sets none (SX-2021). Over it, submitting asks for a confirmation; it never refuses.
    /// </summary>
    public int? ReportMaxLength { get; internal init; }

    /// <summary>
    /// The plausibility rules (<c>"plausibility"</c>): hard ones refuse a save or an import, soft ones warn
    /// (<see cref="Rules.Plausibility"/>). Empty when the scheme declares none.
    /// </summary>
    public IReadOnlyList<PlausibilityRule> Plausibility { get; internal init; } = [];
    public string Code => Info.Code;
    public int Version => Info.Version;

    /// <summary>The scheme as people read it: its title with its version in words (<see cref="SchemeNames"/>).</summary>
    public string Name => SchemeNames.Of(Info.Title, Info.Version);
    public int Year => Info.Year;

    /// <summary>Areas in report order: 基本情况 first, then the evaluation areas.</summary>
    public IReadOnlyList<SchemeArea> Areas { get; }

    /// <summary>Every field in catalog order.</summary>
    public IReadOnlyList<SchemeField> Fields { get; }

    /// <summary>The evaluation areas proper, without 基本情况.</summary>
    public IEnumerable<SchemeArea> EvaluationAreas => Areas.Where(a => !a.IsBasicFacts);

    public SchemeField? FindField(string code) => _fieldsByCode.GetValueOrDefault(code);

    public SchemeArea? FindArea(string key) => _areasByKey.GetValueOrDefault(key);

    /// <summary>
    /// What a comment, a return reason or an audit line is about, in words: the indicator's or area's name, "整体评价" for the
    /// evaluation as a whole, the key itself when this scheme does not know it.
    /// </summary>
    public string DescribeTarget(string? target) =>
        string.IsNullOrEmpty(target) ? WholeEvaluation : FindField(target)?.NameZh ?? FindArea(target)?.NameZh ?? target;

    public const string WholeEvaluation = "整体评价";

    /// <summary>
    /// A target as lists and exports name it: a field with its indicator code ("学前三年毛入园率 A10.03"), which officials
    /// know from the scheme; an area by its name only, since area keys (A10_PRESCHOOL) are internal.
    /// </summary>
    public string LabelTarget(string? target) =>
        FindField(target ?? "") is { } field ? $"{field.NameZh} {field.Code}" : DescribeTarget(target);

    /// <summary>A computed field's formula in words, naming the fields it reads by their Chinese names.</summary>
    public string? DescribeFormula(SchemeField field) => field.FormulaInWords(code => FindField(code)?.NameZh ?? code);
}

/// <summary>The scheme record: what the introduction of a report cites.</summary>
public sealed record SchemeInfo(
    string Code,
    int Version,
    int Year,
    string Province,
    string Title,
    string DocumentNumber,
    string Issuer,
    string RulesTitle,
    int KeyContentCount);

/// <param name="DefaultTexts">The paragraphs a new evaluation starts from, with live figure placeholders.</param>
public sealed record SchemeArea(
    string Key, int Number, string NameZh, string NameEn, IReadOnlyList<string> DefaultTexts, IReadOnlyList<SchemeField> Fields)
{
    /// <summary>Area number 0 is the 基本情况 block, which feeds section 一 and is not judged as an area.</summary>
    public bool IsBasicFacts => Number == 0;

    /// <summary>The heading every page and the report give the area: "（十）学前教育普及普惠发展情况", or "基本情况".</summary>
    public string Heading => IsBasicFacts ? NameZh : $"（{Text.ChineseNumerals.Of(Number)}）{NameZh}";
}

/// <summary>
/// The scheme's default report texts. <see cref="Intro"/> may name the scheme record as {issuer}, {title}, {documentNumber},
/// {rulesTitle} and {keyContentCount}; every text may hold live figure placeholders.
/// </summary>
public sealed record ReportDefaults(string Intro, string ProblemsLead, string PlansLead, IReadOnlyList<PlanText> Plans)
{
    public static readonly ReportDefaults Empty = new(string.Empty, string.Empty, string.Empty, []);

    public string IntroFor(SchemeInfo info) => Intro
        .Replace("{issuer}", info.Issuer, StringComparison.Ordinal)
        .Replace("{title}", info.Title, StringComparison.Ordinal)
        .Replace("{documentNumber}", info.DocumentNumber, StringComparison.Ordinal)
        .Replace("{rulesTitle}", info.RulesTitle, StringComparison.Ordinal)
        .Replace("{keyContentCount}", info.KeyContentCount.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

public sealed record PlanText(string Heading, string Text);
