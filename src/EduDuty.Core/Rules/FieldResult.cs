using EduDuty.Core.Figures;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Rules;

/// <summary>
/// What one field comes to: its value at full precision, the value shown (rounded half away from zero at the field's
/// precision), its judgment and the reason in Chinese.
/// </summary>
public sealed record FieldResult(SchemeField Field, FieldValue? Value, JudgmentStatus Status, string Reason)
{
    public bool HasValue => Value is not null;

    /// <summary>The rounded number for numeric fields; null otherwise or when there is no value.</summary>
    public decimal? DisplayNumber => Value is { Type: FieldValueType.Number } v ? DisplayFormat.Round(v.Number, Field.Precision) : null;

    /// <summary>Compact text as the report prints it: "99.82", "100", "是"; "" when there is no value.</summary>
    public string DisplayText => Value is { } v ? DisplayFormat.Compact(v, Field.Precision) : string.Empty;
}
