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
