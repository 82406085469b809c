using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EduDuty.Core.Figures;

/// <summary>
/// Reads what an official types into a number box. Accepts full-width digits (１２１４９), thousands separators
/// (12,149 or 12，149) and surrounding spaces; refuses letters, exponents, NaN, more than 15 integer digits or 6 decimals.
/// </summary>
public static partial class FigureText
{
    public const int MaxIntegerDigits = 15;
    public const int MaxDecimals = 6;

    public static bool TryParseNumber(string? raw, out decimal value)
    {
        value = 0;
        if (Normalize(raw) is not { } text) return false;
        var match = Plain().Match(text);
        if (!match.Success) return false;
        if (match.Groups["int"].Value.TrimStart('0').Length > MaxIntegerDigits) return false;
        if (match.Groups["dec"].Value.Length > MaxDecimals) return false;
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Why <paramref name="raw"/> is not a number, in words an official understands; null when it is one.</summary>
    public static string? NumberProblem(string? raw)
    {
        if (Normalize(raw) is not { } text) return "请输入数字，例如 12149";
        var match = Plain().Match(text);
        if (!match.Success) return "请输入数字，例如 12149（可以使用全角数字或千位分隔符，不能含字母或其他符号）";
        if (match.Groups["int"].Value.TrimStart('0').Length > MaxIntegerDigits) return $"数字位数过多（整数部分最多 {MaxIntegerDigits} 位），请核对";
        if (match.Groups["dec"].Value.Length > MaxDecimals) return $"小数位数过多（最多 {MaxDecimals} 位），请核对";
        return null;
    }

    // Full-width forms to ASCII, separators checked and removed. Null for empty input.
    private static string? Normalize(string? raw)
    {
        if (raw is null) return null;
        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw.Trim().Trim('\u3000'))
        {
            builder.Append(c switch
            {
                >= '０' and <= '９' => (char)(c - '０' + '0'),
                '．' => '.',
                '，' => ',',
                '－' or '−' => '-',
                _ => c,
            });
        }

        var text = builder.ToString();
        if (text.Length == 0) return null;
        if (text.Contains(',', StringComparison.Ordinal))
        {
            if (!Grouped().IsMatch(text)) return "x"; // misplaced separators: not a number
            text = text.Replace(",", string.Empty, StringComparison.Ordinal);
        }

        return text;
    }

    [GeneratedRegex(@"^-?(?<int>[0-9]+)(\.(?<dec>[0-9]+))?$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")]
    private static partial Regex Grouped();
}
