using System.Text.RegularExpressions;
using EduDuty.Core.Reports;
using UglyToad.PdfPig.Content;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// The rules of a 公文 page, read back from the rendered PDFs (the golden report and the golden figures with default texts):
/// no paragraph's last line of one character and its stop ("所。"); no paragraph's first line alone at a page foot and
/// no last line alone at a page head; no heading alone at a page foot.
/// </summary>
public sealed partial class PageRulesTests
{
    public static TheoryData<string> Reports => ["golden", "defaults"];

    private static byte[] Pdf(string name) => name == "golden" ? RenderedReports.Golden.Pdf : RenderedReports.Defaults.Pdf;

    [Fact]
    public void The_signature_and_the_date_are_never_parted_wherever_the_body_ends()
    {
        // The plans' lead (the body's last section) one line longer at a time (a 公文 line is 28 characters): over a page's 22 lines the signature
        // block meets every position at the foot of a page, the last lines included.
        var golden = RenderedReports.GoldenTexts();
        var line = string.Concat(Enumerable.Repeat("经核查，", 7));
        var seen = new HashSet<int>(); // the date's page and its length, as the body grows
        for (var extra = 0; extra < 24; extra++)
        {
            var texts = golden with { PlansLead = golden.PlansLead + string.Concat(Enumerable.Repeat(line, extra)) };
            var (model, pdf) = RenderedReports.Render(texts);
            var pages = RenderedReports.Letters(pdf).Select(p => Squash(string.Concat(p.Where(l => !RenderedReports.IsInFooter(l)).Select(l => l.Value)))).ToList();
            var dated = pages.FindIndex(p => p.Contains(Squash(model.DateLine), StringComparison.Ordinal));
            Assert.True(dated >= 0, $"{extra} extra lines: no page holds the date");
            Assert.True(pages[dated].Contains(Squash(model.Signature + model.DateLine), StringComparison.Ordinal),
                $"{extra} extra lines: the date on page {dated + 1} without the signature before it");
            seen.Add((dated * 10_000) + pages[dated].Length);
        }

        Assert.True(seen.Count >= 4, $"the body's end did not move across the page: {string.Join(", ", seen)}");
    }

    private static string Squash(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);

    [Theory]
    [MemberData(nameof(Reports))]
    public void No_line_is_one_character_and_its_stop(string name)
    {
        var lines = BodyPages(Pdf(name)).SelectMany(p => p).Select(l => l.Text).ToList();

        Assert.True(lines.Count > 100);
        Assert.DoesNotContain(lines, l => OneCharacterAndStop().IsMatch(l));
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void No_page_starts_with_a_paragraphs_last_line_alone_or_ends_with_its_first_line_or_a_heading(string name)
    {
        var pages = BodyPages(Pdf(name));
        // GB/T 9704: 28 字 fill the 156 mm 版心 from the 28 mm 订口; a paragraph's first line is indented two 字.
        var left = Gb9704.Left;
        var indent = 2 * Gb9704.Character;
        var full = Gb9704.TypeAreaWidth - Gb9704.Character;
        var problems = new List<string>();
        for (var p = 1; p < pages.Count; p++)
        {
            var top = pages[p][0];
            var continues = Math.Abs(top.Left - left) < 2;
            var endsParagraph = top.Right - left < full || pages[p].Count == 1 || pages[p][1].Left - left > indent - 2;
            if (continues && endsParagraph) problems.Add($"page {p + 1} starts with a last line alone: {top.Text}");

            var bottom = pages[p - 1][^1];
            var opens = Math.Abs(bottom.Left - left - indent) < 2 && bottom.Right - left >= full;
            if (opens) problems.Add($"page {p} ends with a first line alone: {bottom.Text}");
            if (HeadingStart().IsMatch(bottom.Text) && bottom.Right - left < full) problems.Add($"page {p} ends with a heading: {bottom.Text}");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private sealed record TextLine(string Text, double Left, double Right);

    // Pages of the body (before the appendix), each as its lines from top to bottom, page numbers left out.
    private static List<List<TextLine>> BodyPages(byte[] pdf) =>
        RenderedReports.Letters(pdf)
            .Select(page => page.Where(l => !RenderedReports.IsInFooter(l) && !string.IsNullOrWhiteSpace(l.Value))
                .GroupBy(l => Math.Round(l.StartBaseLine.Y))
                .OrderByDescending(g => g.Key)
                .Select(g => g.OrderBy(l => l.StartBaseLine.X).ToList())
                .Select(g => new TextLine(string.Concat(g.Select(l => l.Value)), RenderedReports.PdfXToLayout(g[0]), RenderedReports.PdfXToLayout(g[^1]) + g[^1].Width))
                .ToList())
            .TakeWhile(lines => !lines.Any(l => l.Text.Contains(ReportDocument.AppendixTitle.Replace("：", ":", StringComparison.Ordinal), StringComparison.Ordinal) || l.Text.Contains(ReportDocument.AppendixTitle, StringComparison.Ordinal)))
            .Where(lines => lines.Count > 0)
            .ToList();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}][。；！？]$")]
    private static partial Regex OneCharacterAndStop();

    [GeneratedRegex(@"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")]
    private static partial Regex HeadingStart();
}
