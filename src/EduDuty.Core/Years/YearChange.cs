using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Years;

/// <summary>
/// A number beside last year's: the change in the field's unit and, when last year's was not zero, in per cent of it — what
/// the area page, the county workbook and the report's appendix print beside this year's value.
/// </summary>
public readonly record struct YearChange(decimal Previous, decimal Current)
{
    /// <summary>
    /// The one rule for whether there is a change to show: only when both years have a number. A missing last year, a
    /// 是/否 or a text on either side is no change (never a change from zero).
    /// </summary>
    public static YearChange? Between(decimal? previous, decimal? current) =>
        previous is { } before && current is { } now ? new YearChange(before, now) : null;

    public decimal Delta => Current - Previous;

    /// <summary>Null when last year's value is zero: no per cent of nothing.</summary>
    public decimal? Percent => Previous == 0 ? null : Math.Round(Delta / Math.Abs(Previous) * 100, 2, MidpointRounding.AwayFromZero);

    /// <summary>"+22258万元（+62.93%）", "-1.5个百分点" style text at the field's precision; "持平" when unchanged.</summary>
    public string Describe(SchemeField field)
    {
        var delta = DisplayFormat.Round(Delta, field.Precision);
        if (delta == 0 && Percent is null or 0) return "持平";
        var text = Signed(DisplayFormat.Compact(delta, field.Precision), delta) + (field.Unit is "%" ? "个百分点" : DisplayFormat.WithUnit("", field.Unit));
        return Percent is { } percent && field.Unit is not "%" ? $"{text}（{Signed(DisplayFormat.Compact(percent, 2), percent)}%）" : text;
    }

    private static string Signed(string number, decimal value) => value > 0 ? "+" + number : number;
}
