using EduDuty.Core.Figures;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Rules;

/// <summary>Judges one value against its field's threshold, at full precision, and says why in Chinese.</summary>
internal static class Judgments
{
    public static FieldResult Judge(SchemeField field, FieldValue value)
    {
        var shown = DisplayFormat.WithUnit(DisplayFormat.Compact(value, field.Precision), field.Unit);
        if (field.IsConsistencyCheck)
        {
            return Passes(field.Threshold, value)
                ? new FieldResult(field, value, JudgmentStatus.Pass, $"校验通过：{CheckName(field)}")
                : new FieldResult(field, value, JudgmentStatus.Warning, $"校验未通过：{CheckName(field)} 不成立，请核对相关填报数（仅为提示，不影响保存）");
        }

        if (field.Threshold is not { } threshold)
        {
            return new FieldResult(field, value, JudgmentStatus.None,
                value.Type == FieldValueType.Text ? "已填写" : $"{field.NameZh} {shown}（仅报告，不作评判）");
        }

        var pass = Passes(threshold, value);
        var reason = $"{field.NameZh} {shown}，目标 {threshold.Describe(field.Unit)}，{(pass ? "达标" : "未达标")}";
        return new FieldResult(field, value, pass ? JudgmentStatus.Pass : JudgmentStatus.Fail, reason);
    }

    private static bool Passes(Threshold? threshold, FieldValue value) => threshold?.IsMetBy(value) ?? true;

    /// <summary>
    /// A check that does not hold, with the two sides' numbers, so the county sees what to correct:
    /// "校验未通过：学校(园)总数 193 ≠ 七类学校数之和 194，请核对相关填报数（仅为提示，不影响保存）".
    /// The sides are named by the check's own name ("学校(园)总数 = 七类学校数之和").
    /// </summary>
    public static string CheckFailed(SchemeField field, decimal left, decimal right)
    {
        var name = CheckName(field);
        var sides = name.Split(" = ", 2, StringSplitOptions.TrimEntries);
        var (l, r) = (DisplayFormat.Compact(left, 6), DisplayFormat.Compact(right, 6));
        var comparison = sides.Length == 2 ? $"{sides[0]} {l} ≠ {sides[1]} {r}" : $"{name}：{l} ≠ {r}";
        return $"校验未通过：{comparison}，请核对相关填报数（仅为提示，不影响保存）";
    }

    // "校验: 学校(园)总数 = 七类学校数之和" → "学校(园)总数 = 七类学校数之和"
    private static string CheckName(SchemeField field)
    {
        var name = field.NameZh;
        var colon = name.IndexOfAny([':', '：']);
        return colon >= 0 ? name[(colon + 1)..].Trim() : name;
    }
}
