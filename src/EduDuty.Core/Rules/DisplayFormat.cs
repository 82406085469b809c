using System.Globalization;
using EduDuty.Core.Figures;

namespace EduDuty.Core.Rules;

/// <summary>
/// How values are shown. Rounding is ordinary 四舍五入 (half away from zero), never .NET's default banker's rounding:
/// 17.245 shows as 17.25.
/// </summary>
public static class DisplayFormat
{
    public static decimal Round(decimal value, int? precision) =>
        Math.Round(value, precision ?? 2, MidpointRounding.AwayFromZero);

    /// <summary>As the report prints: rounded, trailing zeros after the point dropped, no thousands separator.</summary>
    public static string Compact(decimal value, int? precision)
    {
        var text = Round(value, precision).ToString("0.##########", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    public static string Compact(FieldValue value, int? precision) => value.Type switch
    {
        FieldValueType.Number => Compact(value.Number, precision),
        FieldValueType.Flag => value.Flag ? "是" : "否",
        _ => value.Text ?? string.Empty,
    };

    /// <summary>As a form shows: every decimal of the precision, thousands separated ("12,149", "55.77").</summary>
    public static string Grouped(decimal value, int? precision)
    {
        var p = precision ?? 2;
        return Round(value, p).ToString("#,0" + (p > 0 ? "." + new string('0', p) : string.Empty), CultureInfo.InvariantCulture);
    }

    /// <summary>A field's number as the report prints it, with its unit: "99.82%", "650元/生/年".</summary>
    public static string Shown(decimal value, Schemes.SchemeField field) => WithUnit(Compact(value, field.Precision), field.Unit);

    /// <summary>Number with its unit as a Chinese sentence writes it: "55.77%", "10755人", "650元/生/年".</summary>
    public static string WithUnit(string number, string? unit) =>
        unit is null or "—" or "是/否" ? number : number + unit;
}
