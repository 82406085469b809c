namespace EduDuty.Core.Text;

/// <summary>
/// Chinese text takes full-width punctuation (，。：；（）《》〈〉“”！？); half-width stays inside numbers (1,167 · 17:40),
/// codes and Latin runs. Officials type with whichever input mode is on, and the seed's texts were scraped with half-width
/// marks, so every text is normalised where it is saved and again where a report is rendered. A mark is Chinese when a
/// Chinese character stands next to it, or next to the number, Latin word or blank it follows or precedes ("100%,87所",
/// "闻喜中学：15; 闻喜二中", a typed trailing "." after "15所"); blanks beside a mark made full-width go, as a full-width
/// mark carries its own space. <see cref="NormalizeJoined"/> keeps the boundaries of a rendered text's runs.
/// </summary>
public static class ChinesePunctuation
{
    /// <summary>
    /// The text with half-width punctuation next to Chinese made full-width. Placeholders (<c>{A10.03?是:否}</c>) are left
    /// as written when <paramref name="skipPlaceholders"/> is set, and count as Chinese context (they print figures or words
    /// inside Chinese prose).
    /// </summary>
    public static string Normalize(string text, bool skipPlaceholders = false)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var (chars, deleted) = Marks(text, skipPlaceholders);
        return Kept(chars, deleted, 0, chars.Length);
    }

    // The text's characters with the marks replaced, and which blanks beside a replaced mark go.
    private static (char[] Chars, bool[] Deleted) Marks(string text, bool skipPlaceholders)
    {
        var chars = text.ToCharArray();
        var deleted = new bool[chars.Length];
        var fixedChars = new bool[chars.Length]; // placeholder characters: never changed, Chinese context
        if (skipPlaceholders) MarkPlaceholders(text, fixedChars);

        bool Cjk(int i) => i >= 0 && i < chars.Length && (fixedChars[i] ? text[i] is '{' or '}' : IsChinese(chars[i]));
        bool Digit(int i) => i >= 0 && i < chars.Length && !fixedChars[i] && char.IsAsciiDigit(chars[i]);
        bool Blank(int i) => i >= 0 && i < chars.Length && !fixedChars[i] && chars[i] == ' ';

        // Chinese on that side: the next character, or the first one past a number, a Latin word or blanks.
        bool ChineseBeyond(int i, int step)
        {
            for (var j = i + step; j >= 0 && j < chars.Length; j += step)
            {
                if (Cjk(j)) return true;
                if (fixedChars[j] || !(char.IsAsciiLetterOrDigit(chars[j]) || chars[j] is '%' or '.' or ' ')) return false;
            }

            return false;
        }

        bool Chinese(int i) => Cjk(i - 1) || Cjk(i + 1) || ChineseBeyond(i, -1) || ChineseBeyond(i, 1);

        // 1,167 groups thousands; 15,16条 lists two numbers.
        bool Thousands(int i) => Digit(i - 1) && Digit(i + 1) && Digit(i + 2) && Digit(i + 3) && !Digit(i + 4);

        PairUp(chars, fixedChars, '(', ')', (open, close, inner) => inner || Cjk(open - 1) || Cjk(close + 1), '（', '）', null);
        PairUp(chars, fixedChars, '<', '>', (_, _, inner) => inner, '《', '》', '〈');
        PairUp(chars, fixedChars, '"', '"', (_, _, inner) => inner, '“', '”', null);

        for (var i = 0; i < chars.Length; i++)
        {
            if (fixedChars[i]) continue;
            var was = chars[i];
            chars[i] = chars[i] switch
            {
                ',' when Chinese(i) && !Thousands(i) => '，',
                ';' when Chinese(i) => '；',
                ':' when Chinese(i) && !(Digit(i - 1) && Digit(i + 1)) => '：',
                '!' when Cjk(i - 1) || ChineseBeyond(i, -1) => '！',
                '?' when Cjk(i - 1) || ChineseBeyond(i, -1) => '？',
                // A full stop typed half-width: after Chinese and before Chinese, blanks or the end, or after a number after
                // Chinese and before blanks or the end; never a decimal point (99.82), a code (A10.03), an ellipsis (...) or
                // an item's number ("；10.学前教育", GB/T 15834 4.1.3.1: 阿拉伯数字后用下脚点).
                '.' when !(Digit(i - 1) && Digit(i + 1)) && chars.ElementAtOrDefault(i - 1) != '.' && chars.ElementAtOrDefault(i + 1) != '.'
                    && (Cjk(i - 1)
                        ? i + 1 == chars.Length || Cjk(i + 1) || Blank(i + 1)
                        : ChineseBeyond(i, -1) && (i + 1 == chars.Length || Blank(i + 1))) => '。',
                _ => chars[i],
            };
            if (chars[i] == was) continue;
            for (var j = i - 1; Blank(j) && !deleted[j]; j--) deleted[j] = true;
            for (var j = i + 1; Blank(j); j++) deleted[j] = true;
        }

        return (chars, deleted);
    }

    private static string Kept(char[] chars, bool[] deleted, int start, int length)
    {
        var kept = new System.Text.StringBuilder(length);
        for (var i = start; i < start + length; i++)
        {
            if (!deleted[i]) kept.Append(chars[i]);
        }

        return kept.ToString();
    }

    /// <summary>Han characters, CJK and full-width punctuation, and the curly quotes Chinese text uses.</summary>
    public static bool IsChinese(char c) =>
        c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF01' and <= '\uFF60' or '“' or '”' or '‘' or '’' or '—' or '…';

    // A pair whose content is Chinese becomes full-width; '<' '>' become 《》, or 〈〉 inside an open 《 (a title in a title).
    private static void PairUp(char[] chars, bool[] fixedChars, char open, char close, Func<int, int, bool, bool> convert, char fullOpen, char fullClose, char? nestedOpen)
    {
        var stack = new Stack<int>();
        for (var i = 0; i < chars.Length; i++)
        {
            if (fixedChars[i]) continue;
            if (chars[i] == open && (open != close || stack.Count == 0)) { stack.Push(i); continue; }
            if (chars[i] != close || stack.Count == 0) continue;

            var start = stack.Pop();
            var inner = false;
            for (var j = start + 1; j < i && !inner; j++) inner = IsChinese(chars[j]) || fixedChars[j];
            if (!convert(start, i, inner)) continue;

            var nested = nestedOpen is not null && Depth(chars, start, '《', '》') > 0;
            chars[start] = nested ? nestedOpen!.Value : fullOpen;
            chars[i] = nested ? '〉' : fullClose;
        }
    }

    private static int Depth(char[] chars, int before, char open, char close)
    {
        var depth = 0;
        for (var j = 0; j < before; j++)
        {
            if (chars[j] == open) depth++;
            else if (chars[j] == close) depth--;
        }

        return depth;
    }

    private static void MarkPlaceholders(string text, bool[] fixedChars)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '{') continue;
            if (i + 1 < text.Length && text[i + 1] == '{') { i++; continue; }
            var end = text.IndexOf('}', i + 1);
            if (end < 0) return;
            for (var j = i; j <= end; j++) fixedChars[j] = true;
            i = end;
        }
    }

    /// <summary>
    /// The same normalisation over the runs of a rendered text, run boundaries kept: a run that may not change (a number)
    /// keeps its characters; the others take the joined text's marks, and lose the blanks beside them.
    /// </summary>
    public static IReadOnlyList<string> NormalizeJoined(IReadOnlyList<string> pieces, IReadOnlyList<bool> changeable)
    {
        var joined = string.Concat(pieces);
        var (chars, deleted) = Marks(joined, skipPlaceholders: false);
        var result = new List<string>(pieces.Count);
        var offset = 0;
        for (var p = 0; p < pieces.Count; p++)
        {
            var length = pieces[p].Length;
            result.Add(changeable[p] ? Kept(chars, deleted, offset, length) : pieces[p]);
            offset += length;
        }

        return result;
    }
}
