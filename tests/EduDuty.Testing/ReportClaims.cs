using System.Text.RegularExpressions;
using EduDuty.Core.Figures;
using EduDuty.Core.Reports;
using EduDuty.Core.Rules;

namespace EduDuty.Testing;

/// <summary>
/// Issue 26's list of claims a report must never make about what is not known (decision 0035), checked on a report's text —
/// the built model's, or pdftotext's of the PDF, or the Word file's — with whitespace squashed, since a PDF breaks lines
/// mid-sentence. Each pattern is written from the issue's own examples, not from the builder's wording.
/// </summary>
public static partial class ReportClaims
{
    /// <summary>The four cases the issue names: the golden case, the default texts, every demo county and a county with nothing entered.</summary>
    public static IEnumerable<(string Name, EvaluationResult Result, ReportTexts Texts, string County)> Cases()
    {
        var golden = ReportTextsReader.Read(File.ReadAllText(RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021-texts.json")), GoldenCase.Scheme).Texts!;
        yield return ("golden", GoldenCase.Result, golden, "闻喜县");
        yield return ("defaults", GoldenCase.Result, ReportTexts.Defaults, "闻喜县");
        var demo = Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Application", "Demo", "Files");
        var wenxiTexts = ReportTextsReader.Read(File.ReadAllText(Path.Combine(demo, "wenxi-2021.texts.json")), GoldenCase.Scheme).Texts!;
        yield return ("demo 闻喜县", Evaluate(Path.Combine(demo, "wenxi-2021.figures.json")), wenxiTexts, "闻喜县");
        yield return ("demo 夏县", Evaluate(Path.Combine(demo, "xiaxian-2021.figures.json")), ReportTexts.Defaults, "夏县");
        // 盐湖区, 临猗县 and 万荣县 have nothing entered in the demo: a 区 and two 县, with the default texts.
        foreach (var county in new[] { "盐湖区", "临猗县", "万荣县" })
            yield return ($"nothing entered {county}", RuleEngine.For(GoldenCase.Scheme).Evaluate(new Dictionary<string, FieldValue>()), ReportTexts.Defaults, county);
    }

    private static EvaluationResult Evaluate(string figuresPath)
    {
        var read = FiguresFileReader.Read(File.ReadAllText(figuresPath), GoldenCase.Scheme);
        return RuleEngine.For(GoldenCase.Scheme).Evaluate(read.File?.Values ?? throw new InvalidOperationException(string.Join("; ", read.Errors)));
    }

    /// <summary>
    /// The claims found in <paramref name="text"/> (any rendering of the report), given how many judged indicators are unknown
    /// and whether section 三 lists problems. Empty: the text states nothing about what is not filled in.
    /// </summary>
    /// <param name="appendixTitle">Where the appendix starts: its tables name indicators, they state nothing.</param>
    public static IReadOnlyList<string> Found(string text, int unknownIndicators, bool listsProblems, string appendixTitle)
    {
        var flat = Whitespace().Replace(text, string.Empty);
        var appendix = flat.LastIndexOf(Whitespace().Replace(appendixTitle, string.Empty), StringComparison.Ordinal);
        if (appendix > 0) flat = flat[..appendix];
        var found = new List<string>();
        void Check(bool bad, string what) { if (bad) found.Add(what); }

        Check(flat.Contains("＿＿", StringComparison.Ordinal), "a blank ＿＿ printed for a figure not entered");
        Check(flat.Contains("待填报", StringComparison.Ordinal), "a judgment on a value not entered shown as （待填报）");
        Check(unknownIndicators > 0 && flat.Contains("均已达到", StringComparison.Ordinal), "“均已达到” while indicators are not filled in");
        Check(unknownIndicators > 0 && flat.Contains("未发现需要专项整改", StringComparison.Ordinal), "“未发现需要专项整改的问题” while indicators are not filled in");
        Check(unknownIndicators > 0 && !flat.Contains($"{unknownIndicators}项", StringComparison.Ordinal), $"the {unknownIndicators} indicators not filled in are not counted");
        Check(unknownIndicators > 0 && !flat.Contains("未作判断", StringComparison.Ordinal), "no “未作判断” while indicators are not filled in");
        Check(!listsProblems && flat.Contains("对于上述问题", StringComparison.Ordinal), "“对于上述问题” with no problem listed");
        Check(!listsProblems && flat.Contains("主要表现为：", StringComparison.Ordinal) && !flat.Contains("主要表现为：（一）", StringComparison.Ordinal), "“主要表现为：” with nothing after it");
        foreach (Match m in FulfilAfterFulfil().Matches(flat)) found.Add($"“落实” twice in one clause: {m.Value}");
        foreach (Match m in FulfilAConclusion().Matches(flat)) found.Add($"a conclusion to “落实”: {m.Value}");
        foreach (Match m in EmptyNumberedLead().Matches(flat)) found.Add($"a numbered lead-in with nothing under it: {m.Value}");
        foreach (Match m in BreakdownOfZero().Matches(flat)) found.Add($"a breakdown of a count of 0: {m.Value}");
        foreach (Match m in DanglingConnective().Matches(flat)) found.Add($"a connective ending a sentence: {m.Value}");
        return found;
    }

    /// <summary>The structural claims checked on the built model: empty headings, gaps in numbering, duplicate problem items.</summary>
    public static IReadOnlyList<string> FoundInModel(ReportDocument report)
    {
        var found = new List<string>();
        var body = report.Body;
        for (var i = 0; i < body.Count; i++)
        {
            if (body[i] is not ReportHeading heading) continue;
            var next = i + 1 < body.Count ? body[i + 1] : null;
            if (next is null || (next is ReportHeading n && !(heading.Level == 1 && n.Level == 2)))
                found.Add($"a heading with nothing under it: {heading.Content}");
        }

        // Second-level headings under one first-level heading are numbered （一）（二）… without a gap.
        var expected = 0;
        foreach (var block in body)
        {
            if (block is ReportHeading { Level: 1 }) expected = 0;
            if (block is not ReportHeading { Level: 2 } h || SubNumber().Match(h.Content) is not { Success: true } m) continue;
            expected++;
            if (m.Groups[1].Value != Core.Text.ChineseNumerals.Of(expected)) found.Add($"numbering skips to {h.Content}");
        }

        var problemHeadings = body.OfType<ReportHeading>().Where(h => h.Level == 2).Select(h => SubNumber().Replace(h.Content, "")).GroupBy(h => h).Where(g => g.Count() > 1);
        found.AddRange(problemHeadings.Select(g => $"a heading twice: {g.Key}"));
        return found;
    }

    // "…配套资金落实到位尚未落实", "尽快落实党组织领导的校长负责制落实。"
    [GeneratedRegex("落实[^，。；：（）]{0,40}?(尚未落实|落实[。；，])")]
    private static partial Regex FulfilAfterFulfil();

    // "尽快落实公用经费达标结论", "公用经费达标结论尚未落实"
    [GeneratedRegex("落实[^，。；：]{0,20}结论|结论尚未落实")]
    private static partial Regex FulfilAConclusion();

    // "1.建立健全工作机制情况。" then straight on to the next numbered lead or heading.
    [GeneratedRegex("[0-9]+\\.[^。，；]{2,30}情况。(?=[0-9]+\\.|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|$)")]
    private static partial Regex EmptyNumberedLead();

    // "普通高中0所，其中，公办高中…"
    [GeneratedRegex("[^0-9.]0所，其中")]
    private static partial Regex BreakdownOfZero();

    // "其中。", "其中，。"
    [GeneratedRegex("其中[，]?。")]
    private static partial Regex DanglingConnective();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("^（([一二三四五六七八九十]+)）")]
    private static partial Regex SubNumber();
}
