using System.Text.RegularExpressions;

namespace EduDuty.Core.Regions;

/// <summary>
/// A scheme's default texts speak as a 县 ("我县", "全县", "县委县政府"); a 市辖区 or 管理区 speaks as 区, a 县级市 as 市, a 旗 as
/// 旗. Policy terms keep their 县 ("县级财政", "县域", "县管校聘", "县中"), as the province's own documents do.
/// </summary>
public static partial class RegionWording
{
    /// <summary>The character a county-level region calls itself by, from the end of its name: 县, 区, 市 or 旗.</summary>
    public static char KindOf(string regionName) => regionName.TrimEnd() is { Length: > 0 } name && name[^1] is '区' or '市' or '旗' ? name[^1] : '县';

    /// <summary>The text with 我县/全县/本县 and 县委/县政府/县人民政府 worded for the region.</summary>
    public static string Adapt(string text, string regionName)
    {
        var kind = KindOf(regionName);
        return kind == '县' ? text : SelfReferences().Replace(text, m => m.Value.Replace('县', kind));
    }

    [GeneratedRegex("[我全本]县|县(?=委|政府|人民政府)")]
    private static partial Regex SelfReferences();
}
