using System.Text.RegularExpressions;

namespace EduDuty.Testing;

/// <summary>The 闻喜 2021 seed report: its headings and sentences from section 一 to the end of section 四.</summary>
public static partial class SeedReport
{
    public static IReadOnlyList<string> HeadingsAndSentences()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Fixture("sx-2021", "seed-report-wenxi-2021.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("## 一、", StringComparison.Ordinal));
        var items = new List<string>();
        foreach (var line in lines.Skip(start).Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            if (line.StartsWith('#'))
            {
                items.Add(Numbering().Replace(line.TrimStart('#').Trim(), string.Empty));
                continue;
            }

            items.AddRange(line.Split('。', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return items.Where(i => i.Length > 0).ToList();
    }

    /// <summary>
    /// For comparing extracted text: no whitespace at all, and punctuation folded to half-width (NFKC, 〈〉 to &lt;&gt;) — the
    /// seed was scraped with half-width marks, the report prints full-width ones.
    /// </summary>
    public static string Squash(string text) =>
        Whitespace().Replace(text.Normalize(System.Text.NormalizationForm.FormKC).Replace('〈', '<').Replace('〉', '>'), string.Empty);

    [GeneratedRegex(@"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")]
    private static partial Regex Numbering();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
