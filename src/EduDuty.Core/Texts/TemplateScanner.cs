namespace EduDuty.Core.Texts;

/// <summary>
/// Splits a text with placeholders into literal text and the insides of <c>{…}</c>, with <c>{{</c> and <c>}}</c> as braces:
/// the one reading of braces shared by the county's texts (<see cref="TextTemplate"/>) and the region's
/// (<see cref="Reports.Rollup.RegionTemplate"/>), which differ only in what a placeholder may say.
/// </summary>
internal static class TemplateScanner
{
    /// <summary>A piece of the text: literal words, or a placeholder's inside starting at <paramref name="Position"/> (1-based).</summary>
    internal readonly record struct Token(string Text, bool IsPlaceholder, int Position);

    public static (IReadOnlyList<Token> Tokens, IReadOnlyList<string> Errors) Scan(string text)
    {
        var tokens = new List<Token>();
        var errors = new List<string>();
        var literal = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{') { literal.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < text.Length && text[i + 1] == '}') { literal.Append('}'); i++; continue; }
            if (c == '}') { errors.Add($"第 {i + 1} 个字符处多了一个 “}}”（要写大括号本身，请写 “}}}}”）"); continue; }
            if (c != '{') { literal.Append(c); continue; }

            var end = text.IndexOf('}', i + 1);
            if (end < 0)
            {
                errors.Add($"第 {i + 1} 个字符处的 “{{” 缺少对应的 “}}”");
                break;
            }

            if (literal.Length > 0) { tokens.Add(new Token(literal.ToString(), false, 0)); literal.Clear(); }
            tokens.Add(new Token(text[(i + 1)..end], true, i + 1));
            i = end;
        }

        if (literal.Length > 0) tokens.Add(new Token(literal.ToString(), false, 0));
        return (tokens, errors);
    }
}
