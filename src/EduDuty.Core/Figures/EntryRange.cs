using EduDuty.Core.Schemes;

namespace EduDuty.Core.Figures;

/// <summary>
/// The numbers an input field accepts, by the measure its scheme declares: whole or not, and the bounds. The entry rules
/// (<see cref="FigureEntryValidator"/>) and the workbook's cell validation both read it, so a spreadsheet refuses what the
/// portal would refuse.
/// </summary>
public sealed record EntryRange(bool Whole, decimal Min, decimal Max)
{
    public const decimal MaxCount = 100_000_000m;
    public const decimal MaxAmount = 1_000_000_000_000m;

    public static EntryRange Of(SchemeField field) => field.Measure switch
    {
        FieldMeasure.Count => new(true, 0, MaxCount),
        FieldMeasure.Percent => new(false, 0, 100),
        _ => new(false, 0, MaxAmount),
    };

    /// <summary>What a person should type, in words: "0–100 之间的数", "不超过 100,000,000 的非负整数（单位：人）".</summary>
    public string Describe(string? unit)
    {
        var what = Whole ? $"不超过 {Max:#,0} 的非负整数" : Max == 100 ? "0–100 之间的数" : $"不超过 {Max:#,0} 的非负数";
        return string.IsNullOrEmpty(unit) ? what : $"{what}（单位：{unit}）";
    }
}
