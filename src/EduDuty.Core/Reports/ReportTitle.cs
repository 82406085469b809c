using System.Text.RegularExpressions;

namespace EduDuty.Core.Reports;

/// <summary>
/// A 公文 title breaks only between words ("履行教育职责" never splits, nor a county's name): the title as word-like segments
/// for a layout to break between. The default title is read as issuer (region, 人民政府, office) · 关于 · the subject's
/// phrases; any other title falls back to its characters.
/// </summary>
public static partial class ReportTitle
{
    private static readonly string[] Phrases = ["人民政府办公室", "人民政府", "办公室", "教育局", "关于", "履行教育职责", "评价工作的", "评价工作", "自评报告", "工作的"];

    public static IReadOnlyList<string> Segments(string title)
    {
        var segments = new List<string>();
        var rest = title;
        if (Region().Match(rest) is { Success: true } region)
        {
            segments.Add(region.Value);
            rest = rest[region.Length..];
        }

        while (rest.Length > 0)
        {
            var phrase = Phrases.FirstOrDefault(p => rest.StartsWith(p, StringComparison.Ordinal));
            var length = phrase?.Length ?? (char.IsHighSurrogate(rest[0]) && rest.Length > 1 ? 2 : 1);
            segments.Add(rest[..length]);
            rest = rest[length..];
        }

        return segments;
    }

    // The region that issues: everything up to 县/区/市/旗 (or 管理区) right before 人民政府.
    [GeneratedRegex(@"^.{1,12}?(管理区|县|区|市|旗)(?=人民政府)")]
    private static partial Regex Region();
}
