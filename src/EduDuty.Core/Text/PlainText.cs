using System.Text;
using EduDuty.Core.Messaging;

namespace EduDuty.Core.Text;

/// <summary>
/// What a text typed by a person may contain: the one input rule (decision 0028), used by the portal's guard over every bound
/// form value, by every validator and handler, by the imports and by the command line; and what the export writers replace
/// in texts stored before the rule held.
/// <list type="bullet">
/// <item>Never: C0 controls (U+0000–U+001F) other than tab and the line breaks of a multi-line field, DEL and the C1 controls
/// (U+007F–U+009F); the marks that reorder or hide text (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069); the
/// non-characters U+FFFE and U+FFFF and half a surrogate pair (XML 1.0 cannot carry them, so no export could).</item>
/// <item>In a one-line field (a name, a code, a title, 文号, an issuer), also no tab, CR, LF, U+2028 or U+2029.</item>
/// </list>
/// </summary>
public static class PlainText
{
    /// <summary>What the export writers put in place of a character the rule refuses: one character for one.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>Invisible control characters other than line breaks and tabs (which a paragraph may hold).</summary>
    public static bool HasControlCharacters(string? text) => FirstForbidden(text, multiLine: true) >= 0;

    /// <summary>
    /// Whether a name or a one-line text (a user's or a region's name, an issuer, a reason) is clean: no control character
    /// at all, no line break of any kind.
    /// </summary>
    public static bool IsSingleLine(string? text) => FirstForbidden(text, multiLine: false) < 0;

    /// <summary>The index of the first character the rule refuses in this kind of field; -1 when there is none.</summary>
    public static int FirstForbidden(string? text, bool multiLine)
    {
        if (text is null) return -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (IsForbidden(c, multiLine)) return i;
        }

        return -1;
    }

    /// <summary>Whether the rule refuses this UTF-16 unit; a surrogate counts as refused here (callers pair them first).</summary>
    public static bool IsForbidden(char c, bool multiLine) => c switch
    {
        '\t' or '\n' or '\r' => !multiLine,
        < '\u0020' => true,
        >= '\u007F' and <= '\u009F' => true,
        '\u2028' or '\u2029' => !multiLine,
        _ => IsDirectionMark(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF',
    };

    /// <summary>Marks that reorder or hide what is shown (bidirectional embeddings, overrides, isolates, LRM/RLM/ALM).</summary>
    public static bool IsDirectionMark(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>
    /// Null when <paramref name="text"/> may be stored in a field called <paramref name="field"/>; else the message naming the
    /// field and what to remove: a line break in a one-line field, or an invisible control or direction character.
    /// </summary>
    public static Message? Check(string? text, string field, bool multiLine = false)
    {
        var at = FirstForbidden(text, multiLine);
        if (at < 0) return null;
        var c = text![at];
        return !multiLine && c is '\n' or '\r' or '\u2028' or '\u2029' ? Messages.TextLineBreak(field) : Messages.TextInvisibleCharacters(field);
    }

    /// <summary>
    /// The text as an export may write it: every character the multi-line rule refuses (a control, a direction mark, a
    /// non-character, half a surrogate pair) becomes <see cref="Replacement"/>; tab and line breaks stay. For rows stored
    /// before the rule held: XML 1.0 (Word, Excel) cannot carry most controls at all, and a direction mark would reorder
    /// what a reader sees.
    /// </summary>
    public static string ForExport(string text)
    {
        if (FirstForbidden(text, multiLine: true) < 0) return text;
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
                continue;
            }

            result.Append(IsForbidden(c, multiLine: true) ? Replacement : c);
        }

        return result.ToString();
    }

    /// <summary>
    /// Whether a spreadsheet would read the text as a formula if it were typed into a cell (= + - @, and tab or CR before
    /// one): CSV exports prefix such a text with an apostrophe, workbooks write it as text marked quotePrefix.
    /// </summary>
    public static bool StartsLikeFormula(string? text) => text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary><see cref="ForExport(string)"/> for a text that may be absent.</summary>
    public static string? ForExportOrNull(string? text) => text is null ? null : ForExport(text);
}
