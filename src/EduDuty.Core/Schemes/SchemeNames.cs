using EduDuty.Core.Text;

namespace EduDuty.Core.Schemes;

/// <summary>
/// How a scheme is named to people, in selects and messages: its title with its version in words
/// (「2021年对市县级政府履行教育职责的评价方案（第一版）」). The code (SX-2021) is an identifier for files and the command line,
/// never shown on a page (issue 27).
/// </summary>
public static class SchemeNames
{
    public static string Of(string title, int version) =>
        $"{title}（第{(version is > 0 and < 100 ? ChineseNumerals.Of(version) : version.ToString(System.Globalization.CultureInfo.InvariantCulture))}版）";
}
