namespace EduDuty.Reporting.Tests;

/// <summary>
/// Which characters may not start and which may not end a line of Chinese text, written out from the standards rather than
/// read from the line breaker, so that the tests hold Reporting.Layout.LineBreaker to them:
/// <list type="bullet">
/// <item><b>GB/T 15834—2011 (标点符号用法) 5.1.1–5.1.3</b>: 句号、逗号、顿号、分号、冒号 (5.1.1) and 问号、叹号 (5.1.2) never start a
/// line; the first half of 引号、括号、书名号 never ends a line and their second half never starts one (5.1.3); 5.1.4 破折号
/// is never split between two lines.</item>
/// <item><b>W3C Requirements for Chinese Text Layout (clreq), 行首行尾禁则</b>, at its “strict” level (严格处理): “basic” — 点号,
/// 结束引号, 结束括号, 结束书名号, 连接号, 间隔号 and 分隔号 never start a line; 开始引号, 开始括号 and 开始书名号 never end one —
/// plus “GB” (分隔号 never ends a line either) plus 破折号 and 省略号 never start a line. The bracket and quotation forms are
/// clreq's and GB/T 15834 4.8–4.9's: （）［］｛｝〔〕【】〖〗〘〙, “”‘’「」『』, 《》〈〉.</item>
/// <item><b>ECMA-376 Part 1 17.3.1.16 (kinsoku), Chinese (Simplified)</b>: the half-width forms a mixed line carries (!%),.:;?]}
/// and ‰ ℃ may not start a line; ([{ and the currency signs $ £ ¥ ￥ may not end one). This is the list Word and WPS apply to
/// the DOCX export, so the PDF breaks as the Word file does.</item>
/// <item><b>JIS X 4051 / W3C jlreq</b> character classes that can meet Chinese text: cl-08 inseparable ‥ (two-dot leader, like
/// …), cl-09 iteration mark 々 and cl-10 prolonged sound mark ー never start a line.</item>
/// </list>
/// Deliberately not listed: ECMA-376's ·, which its Chinese list also forbids at a line's end — clreq and GB/T 15834 only keep
/// the 间隔号 from a line's start, and a name such as 阿卜杜勒·哈米德 may break after it like any other character.
/// </summary>
public static class Kinsoku
{
    /// <summary>GB/T 15834—2011 5.1.1–5.1.3: 点号 and the closing halves of 引号、括号、书名号.</summary>
    public const string Gb15834NoLineStart = "。，、；：？！" + "”’）〕】》〉";

    /// <summary>GB/T 15834—2011 5.1.3: the opening halves of 引号、括号、书名号.</summary>
    public const string Gb15834NoLineEnd = "“‘（〔【《〈";

    /// <summary>
    /// clreq, strict: every closing bracket and quotation form, 连接号 (GB/T 15834 4.13's 一字线 — and 浪纹线 ～; its 短横线 - only
    /// occurs inside a word such as Wi-Fi, which never breaks), 间隔号 (·), 分隔号 (／), 省略号 (… ⋯) and the halves of 破折号 (—, and
    /// ⸺ as one character).
    /// </summary>
    public const string ClreqNoLineStart = "］｝〗〙」』" + "—～" + "·" + "／" + "…⋯" + "⸺";

    /// <summary>clreq, GB: every opening bracket and quotation form, and 分隔号.</summary>
    public const string ClreqNoLineEnd = "［｛〖〘「『" + "／";

    /// <summary>ECMA-376 Part 1 17.3.1.16, Chinese (Simplified): half-width closing punctuation, per-mille and degrees, full-width period.</summary>
    public const string WordNoLineStart = "!%),.:;?]}" + "‰℃％．";

    /// <summary>ECMA-376 Part 1 17.3.1.16, Chinese (Simplified): half-width opening brackets and currency signs.</summary>
    public const string WordNoLineEnd = "([{" + "$£¥￥＄";

    /// <summary>JIS X 4051 (jlreq cl-08 ‥, cl-09 々, cl-10 ー).</summary>
    public const string JisNoLineStart = "‥々ー";

    public const string NoLineStart = Gb15834NoLineStart + ClreqNoLineStart + WordNoLineStart + JisNoLineStart;

    public const string NoLineEnd = Gb15834NoLineEnd + ClreqNoLineEnd + WordNoLineEnd;

    /// <summary>Why <paramref name="line"/>, which is neither the first nor the last of its paragraph, breaks a rule; null when it breaks none.</summary>
    public static string? Offence(string line, bool startsParagraph, bool endsParagraph)
    {
        if (line.Length == 0) return null;
        if (!startsParagraph && NoLineStart.Contains(line[0], StringComparison.Ordinal)) return $"starts with {line[0]} (U+{(int)line[0]:X4})";
        if (!endsParagraph && NoLineEnd.Contains(line[^1], StringComparison.Ordinal)) return $"ends with {line[^1]} (U+{(int)line[^1]:X4})";
        return null;
    }
}
