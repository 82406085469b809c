namespace EduDuty.Core.Regions;

/// <summary>
/// The 6-digit administrative division code (GB/T 2260), e.g. 140823 闻喜县: two digits province,
/// two city, two county. A province ends in 0000 and a city in 00.
/// </summary>
public static class AdministrativeCode
{
    public static bool IsWellFormed(string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit) && code[0] != '0';

    public static RegionLevel LevelOf(string code) =>
        code.EndsWith("0000", StringComparison.Ordinal) ? RegionLevel.Province
        : code.EndsWith("00", StringComparison.Ordinal) ? RegionLevel.City
        : RegionLevel.County;

    /// <summary>
    /// The materialised path of a region, e.g. "/140000/140800/140823/". A region covers another when the
    /// other's path starts with its own, which makes "every county under this city" one indexed prefix query.
    /// </summary>
    public static string PathOf(string code, string? parentPath) => (parentPath ?? "/") + code + "/";
}
