namespace EduDuty.Data.Seeding;

/// <summary>
/// The regions every installation starts with: Shanxi, whose 2021 scheme ships with EduDuty, and the counties
/// the demo and the tests use. An admin adds the rest (issue 6: region import).
/// </summary>
internal static class ReferenceRegions
{
    public static readonly IReadOnlyList<(string Code, string Name, string? ParentCode)> All =
    [
        ("140000", "山西省", null),
        ("140800", "运城市", "140000"),
        ("140823", "闻喜县", "140800"),
        ("140802", "盐湖区", "140800"),
        ("140821", "临猗县", "140800"),
        ("140822", "万荣县", "140800"),
        ("140828", "夏县", "140800"),
        ("140500", "晋城市", "140000"),
        ("140525", "泽州县", "140500"),
    ];
}
