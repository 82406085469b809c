using System.Globalization;

namespace EduDuty.Core.Text;

/// <summary>
/// Dates and times as Chinese officials read them. China keeps UTC+8 all year (no daylight saving), so a fixed
/// offset is exact and needs no time-zone database on the server.
/// </summary>
public static class ChinaTime
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTime FromUtc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(Offset);

    /// <summary>The date as forms and files write it, 2021-11-10; null when blank or not such a date.</summary>
    public static DateOnly? ParseIsoDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>2021年11月10日</summary>
    public static string Date(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    /// <summary>2021年11月10日 14:05 (China time)</summary>
    public static string DateTimeOf(DateTime utc)
    {
        var local = FromUtc(utc);
        return Date(DateOnly.FromDateTime(local)) + local.ToString(" HH:mm", CultureInfo.InvariantCulture);
    }
}
