using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Web.Pages.Evaluations.Areas;

/// <summary>How a result reads on the pages: grouped digits at the field's precision with the unit, 是/否, or the text.</summary>
public static class FieldDisplay
{
    public static string Value(FieldResult result) => result.Value switch
    {
        null => "—",
        { Type: FieldValueType.Number } v => Unit(DisplayFormat.Grouped(v.Number, result.Field.Precision), result.Field.Unit),
        { Type: FieldValueType.Flag } v => v.Flag ? "是" : "否",
        var v => v.Value.Text ?? string.Empty,
    };

    public static string Unit(string number, string? unit) => unit is null or "—" or "是/否" ? number : $"{number} {unit}";

    /// <summary>
    /// Whether the row shows a badge and reason: judgments and warnings always, a computed value that cannot be computed
    /// (so the reason says what is missing); not a figure that is only reported, nor an empty input.
    /// </summary>
    public static bool ShowsJudgment(FieldResult result) => result.Status switch
    {
        JudgmentStatus.Pass or JudgmentStatus.Fail or JudgmentStatus.Warning => true,
        JudgmentStatus.NotEntered or JudgmentStatus.NotComputable => !result.Field.Kind.IsInput(),
        _ => false,
    };

    public static string BadgeClass(JudgmentStatus status) => status switch
    {
        JudgmentStatus.Pass => "text-bg-success",
        JudgmentStatus.Fail => "text-bg-danger",
        JudgmentStatus.Warning => "text-bg-warning",
        JudgmentStatus.None => "text-bg-light border",
        _ => "text-bg-secondary",
    };
}

/// <summary>What <c>_FieldInput</c> and <c>_FieldInputStatus</c> render: one row's control, whether it may be changed here, its label's and help's ids.</summary>
public sealed record FieldInputView(AreaRow Row, bool ReadOnly, bool Required, string NameId, string HelpId);

/// <summary>What <c>_FieldHelp</c> renders: a field's 口径, its formula in words (computed values) and its 数据来源.</summary>
public sealed record FieldHelpView(SchemeField Field, string InputId, string? Formula)
{
    public FieldHelpView(Scheme scheme, SchemeField field, string inputId)
        : this(field, inputId, scheme.DescribeFormula(field))
    {
    }

    /// <summary>Whether there is anything to explain.</summary>
    public bool Any => Field.Help is not null || Field.DataSource is not null || Formula is not null;

    /// <summary>What the input's aria-describedby adds: " f-A10-01-help", or nothing.</summary>
    public string DescribedBy => Any ? $" {InputId}-help" : "";
}

/// <summary>What <c>_FieldJudgment</c> renders: a row's judgment and the plausibility findings about it.</summary>
public sealed record FieldJudgmentView(AreaRow Row, IReadOnlyList<DataWarning> Plausibility);
