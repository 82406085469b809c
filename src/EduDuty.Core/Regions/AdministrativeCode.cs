namespace EduDuty.Core.Regions;

/// <summary>
/// The 6-digit administrative division code (GB/T 2260), e.g. 140823 闻喜县: two digits province,
/// two city, two county. A province ends in 0000 and a city in 00.
/// </summary>
public static class AdministrativeCode
{
    /// <summary>Digits in a code; a region's path adds its code and a slash to its parent's.</summary>
    public const int Length = 6;

    public static bool IsWellFormed(string? code) =>
        code is { Length: Length } && code.All(char.IsAsciiDigit) && code[0] != '0';

    public static RegionLevel LevelOf(string code) =>
        code.EndsWith("0000", StringComparison.Ordinal) ? RegionLevel.Province
        : code.EndsWith("00", StringComparison.Ordinal) ? RegionLevel.City
        : RegionLevel.County;

    /// <summary>
    /// Whether a code sits under its parent's code as GB/T 2260 builds them: a city 1408xx under the province 14xxxx, a county
    /// 140823 under the city 1408xx. The caller has checked that the levels fit.
    /// </summary>
    public static bool Extends(string code, string parentCode) => LevelOf(parentCode) switch
    {
        RegionLevel.Province => code[..2] == parentCode[..2],
        RegionLevel.City => code[..4] == parentCode[..4],
        _ => false,
    };

    /// <summary>
    /// The materialised path of a region, e.g. "/140000/140800/140823/". A region covers another when the
    /// other's path starts with its own, which makes "every county under this city" one indexed prefix query.
    /// </summary>
    public static string PathOf(string code, string? parentPath) => (parentPath ?? "/") + code + "/";

    /// <summary>"/140000/140800/" → ["/140000/", "/140000/140800/"]: a region's path and the paths of the regions above it.</summary>
    public static IReadOnlyList<string> SelfAndAncestors(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Enumerable.Range(1, parts.Length).Select(n => "/" + string.Join('/', parts.Take(n)) + "/").ToList();
    }
}
