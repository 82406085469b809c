using System.Globalization;

namespace EduDuty.Core.Text;

/// <summary>
/// Dates and times as Chinese officials read them. China keeps UTC+8 all year (no daylight saving), so a fixed offset is
/// exact and needs no time-zone database on the server. Instants are stored as UTC <see cref="DateTime"/>; they leave this
/// class as <see cref="DateTimeOffset"/> with the +08:00 offset, and calendar days as <see cref="DateOnly"/>.
/// </summary>
public static partial class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The instant in China time, offset +08:00.</summary>
    public static DateTimeOffset ToChina(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Offset);

    public static DateTimeOffset ToChina(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The calendar day in China at that instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToChina(instant).DateTime);

    /// <summary>Today in China by the given clock: the day deadlines are counted in.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The date as forms and files write it, 2021-11-10; null when blank or not such a date.</summary>
    public static DateOnly? ParseIsoDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>2021-11-10, as forms and files write a date.</summary>
    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>2021-11-10T14:05:00+08:00, as exports write an instant.</summary>
    public static string IsoTimestamp(DateTime utc) => ToChina(utc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>2021年11月10日</summary>
    public static string Date(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    /// <summary>
    /// A recorded text with its ISO dates ("2021-11-30", as older admin audit entries stored them) written the way every
    /// page writes dates ("2021年11月30日"). The record itself is never changed (it is hash-chained), only its reading.
    /// </summary>
    public static string? ReadableDates(string? text) => text is null ? null : IsoDates().Replace(text, m =>
        ParseIsoDate(m.Value) is { } date ? Date(date) : m.Value);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial System.Text.RegularExpressions.Regex IsoDates();

    /// <summary>2021年11月10日: the day in China of a stored UTC instant.</summary>
    public static string DayOf(DateTime utc) => Date(DateOnly.FromDateTime(ToChina(utc).DateTime));

    /// <summary>2021年11月10日 14:05 (China time)</summary>
    public static string DateTimeOf(DateTime utc)
    {
        var china = ToChina(utc);
        return Date(DateOnly.FromDateTime(china.DateTime)) + china.ToString(" HH:mm", CultureInfo.InvariantCulture);
    }
}
