using System.Globalization;
using System.Text.RegularExpressions;

namespace EduDuty.Application.Administration;

/// <summary>A file's problems (users, regions) as an invalid outcome's problems: each named by its row, “第 N 行”, as its text begins.</summary>
internal static partial class RowProblems
{
    public static IReadOnlyList<FieldProblem> Of(IEnumerable<string> texts) =>
        texts.Select(t => new FieldProblem(LineOf(t) is > 0 and var line ? $"第 {line} 行" : string.Empty, t)).ToList();

    public static int LineOf(string text) =>
        Line().Match(text) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^第 (\d+) 行")]
    private static partial Regex Line();
}
