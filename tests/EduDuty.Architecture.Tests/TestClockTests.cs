using System.Text;
using System.Text.RegularExpressions;

namespace EduDuty.Architecture.Tests;

/// <summary>
/// Tests never read the wall clock: the portal, the templates and the use cases run on a fake clock (EduDuty.Testing's
/// TestClock), and a test that needs time to pass advances it; elapsed real time for a timeout is a Stopwatch. A source scan
/// of every C# file under tests/ (comments and string literals left out, the code inside an interpolation kept).
/// </summary>
public sealed partial class TestClockTests
{
    [Fact]
    public void No_test_reads_the_wall_clock()
    {
        var offences = TestSources()
            .SelectMany(path => WallClockReads(File.ReadAllText(path)).Select(o => $"{Path.GetRelativePath(Root, path)}:{o.Line}: {o.Text}"))
            .ToList();

        Assert.True(offences.Count == 0,
            "Tests read the wall clock; use the portal's or the host's fake clock (TestClock), and a Stopwatch for a timeout:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_scan_finds_every_wall_clock_property_in_code_and_nothing_in_comments_or_strings()
    {
        const string source = """"
            var a = DateTime.Now;
            var b = System.DateTime.UtcNow.AddDays(1);
            var c = DateTime.Today;
            var d = DateTimeOffset . Now;
            var e = global::System.DateTimeOffset.UtcNow;
            var f = $"stamped {DateTime.UtcNow:O} by {user}";
            // DateTime.Now in a comment
            /* DateTimeOffset.UtcNow in a block comment */
            var g = "DateTime.Now in a string";
            var h = @"DateTime.Today in a verbatim ""string""";
            var i = clock.GetUtcNow(); var j = DateTime.UnixEpoch; var k = NowOrNever.DateTime;
            """";

        var found = WallClockReads(source);

        Assert.Equal([1, 2, 3, 4, 5, 6], found.Select(o => o.Line));
        Assert.Equal(["DateTime.Now", "DateTime.UtcNow", "DateTime.Today", "DateTimeOffset . Now", "DateTimeOffset.UtcNow", "DateTime.UtcNow"], found.Select(o => o.Text));
    }

    [Fact]
    public void The_scan_covers_this_repositorys_test_projects()
    {
        var projects = TestSources().Select(p => Path.GetRelativePath(Path.Combine(Root, "tests"), p).Split(Path.DirectorySeparatorChar)[0]).Distinct().ToList();

        Assert.Contains("EduDuty.Web.Tests", projects);
        Assert.Contains("EduDuty.Browser.Tests", projects);
        Assert.Contains("EduDuty.Cli.Tests", projects);
        Assert.DoesNotContain(TestSources(), p => p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    /// <summary>Every read of DateTime.Now/UtcNow/Today or DateTimeOffset.Now/UtcNow in the code of <paramref name="source"/>.</summary>
    public static IReadOnlyList<(int Line, string Text)> WallClockReads(string source)
    {
        var code = CodeOnly(source);
        return WallClock().Matches(code)
            .Select(m => (code.AsSpan(0, m.Index).Count('\n') + 1, m.Value))
            .ToList();
    }

    // The type name, optionally qualified by System, then the property: "DateTime.Now", "DateTimeOffset . UtcNow".
    [GeneratedRegex(@"\bDateTime(?:Offset)?\s*\.\s*(?:Now|UtcNow|Today)\b")]
    private static partial Regex WallClock();

    /// <summary>
    /// The source with comments and the text of string and character literals blanked (line breaks kept, so line numbers
    /// hold); the expressions inside interpolated strings stay code.
    /// </summary>
    public static string CodeOnly(string source)
    {
        var output = new StringBuilder(source.Length);
        var i = 0;
        // Interpolated strings being read, innermost last: each with its kind and the brace depth of its current hole.
        var holes = new Stack<(Literal Literal, int Depth)>();
        var depth = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (holes.Count > 0 && c == '}' && depth == holes.Peek().Depth)
            {
                output.Append(' ');
                i = ReadLiteral(source, i + 1, holes.Pop().Literal, output, holes, ref depth);
                continue;
            }

            if (c == '{') depth++;
            else if (c == '}') depth--;

            if (c == '/' && At(source, i + 1, '/'))
            {
                while (i < source.Length && source[i] != '\n') { output.Append(' '); i++; }
            }
            else if (c == '/' && At(source, i + 1, '*'))
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? source.Length : end + 2;
                Blank(source, i, end, output);
                i = end;
            }
            else if (c == '\'')
            {
                var end = i + 1;
                while (end < source.Length && source[end] != '\'' && source[end] != '\n') end += source[end] == '\\' ? 2 : 1;
                end = Math.Min(end + 1, source.Length);
                Blank(source, i, end, output);
                i = end;
            }
            else if (StringStart(source, i) is { } start)
            {
                Blank(source, i, start.Body, output);
                i = ReadLiteral(source, start.Body, start.Literal, output, holes, ref depth);
            }
            else
            {
                output.Append(c);
                i++;
            }
        }

        return output.ToString();
    }

    private sealed record Literal(bool Verbatim, int Quotes, int Dollars);

    // A string literal starting at i: its prefix ($, @, any order; $$ for raw strings) and opening quotes.
    private static (Literal Literal, int Body)? StringStart(string s, int i)
    {
        if (i > 0 && (char.IsLetterOrDigit(s[i - 1]) || s[i - 1] == '_') && s[i] != '"') return null;
        var j = i;
        var dollars = 0;
        var verbatim = false;
        while (j < s.Length && (s[j] == '$' || s[j] == '@'))
        {
            if (s[j] == '$') dollars++;
            else verbatim = true;
            j++;
        }

        if (!At(s, j, '"')) return null;
        var quotes = 0;
        while (At(s, j + quotes, '"')) quotes++;
        if (quotes == 2) return (new Literal(verbatim, 1, dollars), j + 1); // "" is an empty string: let the body close it
        return (new Literal(verbatim, quotes >= 3 ? quotes : 1, dollars), j + (quotes >= 3 ? quotes : 1));
    }

    // Blanks a literal's text from i to its end, or to the start of an interpolation hole (then the hole is code).
    private static int ReadLiteral(string s, int i, Literal literal, StringBuilder output, Stack<(Literal, int)> holes, ref int depth)
    {
        var raw = literal.Quotes >= 3;
        var opening = raw ? Math.Max(literal.Dollars, 1) : 1;
        while (i < s.Length)
        {
            if (!raw && !literal.Verbatim && s[i] == '\\')
            {
                Blank(s, i, Math.Min(i + 2, s.Length), output);
                i += 2;
                continue;
            }

            if (s[i] == '"')
            {
                if (!raw && literal.Verbatim && At(s, i + 1, '"'))
                {
                    output.Append("  ");
                    i += 2;
                    continue;
                }

                var run = 0;
                while (At(s, i + run, '"')) run++;
                if (run >= literal.Quotes)
                {
                    Blank(s, i, i + literal.Quotes, output);
                    return i + literal.Quotes;
                }

                Blank(s, i, i + run, output);
                i += run;
                continue;
            }

            if (literal.Dollars > 0 && s[i] == '{')
            {
                var run = 0;
                while (At(s, i + run, '{')) run++;
                if (!raw && run >= 2)
                {
                    Blank(s, i, i + 2, output); // {{ is a brace in the text
                    i += 2;
                    continue;
                }

                if (run >= opening)
                {
                    Blank(s, i, i + run, output);
                    holes.Push((literal, depth));
                    return i + run;
                }
            }

            output.Append(s[i] == '\n' ? '\n' : ' ');
            i++;
        }

        return i;
    }

    private static void Blank(string s, int from, int to, StringBuilder output)
    {
        for (var k = from; k < to && k < s.Length; k++) output.Append(s[k] == '\n' ? '\n' : ' ');
    }

    private static bool At(string s, int i, char c) => i < s.Length && s[i] == c;

    private static IEnumerable<string> TestSources() =>
        Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EduDuty.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("EduDuty.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
