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
    ProblemTemplate? Problem = null)
{
    /// <summary>Consistency checks (<c>.check</c>) warn about data entry; they are never judgments.</summary>
    public bool IsConsistencyCheck => Code.EndsWith(".check", StringComparison.Ordinal);
}

/// <summary>
/// How a failing indicator becomes a 存在问题 item when the county wrote none for it: a heading and default 改进措施, both
/// with live figures. Indicators sharing a <see cref="Group"/> become one item, worded by the first of them.
/// </summary>
public sealed record ProblemTemplate(string Heading, string Measures, string? Group);
