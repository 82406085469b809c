using EduDuty.Core.Formulas;

namespace EduDuty.Core.Schemes;

public enum FieldKind
{
    /// <summary>A figure entered by the county.</summary>
    Number,
    /// <summary>是/否 entered by the county.</summary>
    Bool,
    /// <summary>Free text entered by the county (document titles, school names…).</summary>
    Text,
    /// <summary>A number computed from other fields.</summary>
    Derived,
    /// <summary>是/否 computed from other fields (consistency checks, all_pass conclusions).</summary>
    DerivedBool,
}

public static class FieldKinds
{
    public static bool IsInput(this FieldKind kind) => kind is FieldKind.Number or FieldKind.Bool or FieldKind.Text;

    public static bool IsNumeric(this FieldKind kind) => kind is FieldKind.Number or FieldKind.Derived;

    public static bool IsBoolean(this FieldKind kind) => kind is FieldKind.Bool or FieldKind.DerivedBool;
}

/// <summary>
/// What an entered number measures, declared by the scheme (<c>"measure"</c>): it decides the entry rules, never a judgment.
/// </summary>
public enum FieldMeasure
{
    /// <summary>Any non-negative number up to 10¹² (areas, coefficients, 万人).</summary>
    Plain,

    /// <summary>A whole count (人, 所, 个…): no decimals, at most 10⁸.</summary>
    Count,

    /// <summary>An amount of money (元, 万元, 元/生/年…): at most 10¹².</summary>
    Money,

    /// <summary>A percentage entered by the county: 0–100.</summary>
    Percent,
}

public sealed record SchemeField(
    string Code,
    string AreaKey,
    FieldKind Kind,
    string NameZh,
    string NameEn,
    string? Unit,
    Formula? Formula,
    Threshold? Threshold,
    int? Precision,
    string? Source,
    ProblemTemplate? Problem = null,
    FieldMeasure Measure = FieldMeasure.Plain,
    bool IsConsistencyCheck = false)
{
    /// <summary>
    /// Consistency checks (<c>"check": true</c> on a derived_bool field) warn about data entry, such as a total that is not the
    /// sum of its parts; they are never judgments and make no input required.
    /// </summary>
    public bool IsJudged => Threshold is not null && !IsConsistencyCheck;

    public const int MaxHelpLength = 500;

    /// <summary>The definition (口径) an official reads before entering the figure: what is counted and what is not.</summary>
    public string? Help { get; init; }

    /// <summary>Where the figure comes from (数据来源): a statistical return, a department's register…</summary>
    public string? DataSource { get; init; }

    /// <summary>
    /// The office that usually supplies this entered figure (<c>"department"</c>, issue 30): 财政局, 人社局 …, matched by name
    /// with a county's departments to assign the field by default (<see cref="Departments.FieldOwnership"/>); null: the
    /// education bureau fills it.
    /// </summary>
    public string? Department { get; init; }

    /// <summary>
    /// The code of last year's field whose value this input takes when a county's new evaluation is opened (<c>"carryFrom"</c>):
    /// "上年同期" fields from last year's "本期" (<see cref="Years.CarryForward"/>).
    /// </summary>
    public string? CarryFrom { get; init; }

    /// <summary>The indicator's points when the scheme scores (<see cref="Scoring.Scorer"/>); null: it earns none.</summary>
    public Scoring.PointsRule? Points { get; init; }

    /// <summary>
    /// For a computed field, its formula in words, generated from the formula (never typed twice): "公办园在园幼儿数 ÷ 在园幼儿总数
    /// (含托班) × 100%"; <paramref name="name"/> names the fields it reads.
    /// </summary>
    public string? FormulaInWords(Func<string, string> name)
    {
        if (Formula is null) return null;
        var words = Formula.Root.Describe(name);
        return Unit == "%" && words.EndsWith(" × 100", StringComparison.Ordinal) ? words + "%" : words;
    }
}

/// <summary>
/// How a failing indicator becomes a 存在问题 item when the county wrote none for it: a heading and default 改进措施, both
/// with live figures. Indicators sharing a <see cref="Group"/> become one item, worded by the first of them.
/// </summary>
public sealed record ProblemTemplate(string Heading, string Measures, string? Group);
