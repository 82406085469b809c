using System.Globalization;
using System.Text;

namespace EduDuty.Core.Reports;

/// <summary>
/// How long a report's body is, against the scheme's limit (<c>report.maxLength</c>, issue 25; decision 0032). The one rule of
/// what counts, wherever a length is shown or decided on:
/// <list type="bullet">
/// <item>Counted: the body (正文) as GB/T 9704 names it — the introduction and every heading and paragraph of sections
/// 一 to the last (四 or 五), as the report prints them: figures filled in, numbering (一、（一）) and "改进措施：" included,
/// a figure not entered yet as its ＿＿.</item>
/// <item>Not counted: the title, the addressee (主送机关), the signature (落款) and the date — the document's frame, not its
/// body — and everything after it: the appendix tables, the evidence catalogue, a roll-up's grid.</item>
/// <item>Each character counts one: a Chinese character, a digit, a Latin letter, a punctuation mark (full- or half-width); a
/// character outside the Basic Multilingual Plane counts one, not two. Whitespace (spaces, line breaks, the full-width
/// space) and invisible control or format characters (zero-width space, direction marks) count nothing.</item>
/// </list>
/// The report page's script counts what is typed by the same character rule (wwwroot/js/report-length.js).
/// </summary>
/// <param name="Count">Characters of the body.</param>
/// <param name="Limit">The scheme's limit, or null when it sets none.</param>
public sealed record ReportLength(int Count, int? Limit)
{
    /// <summary>The largest limit a scheme may set.</summary>
    public const int MaxLimit = 1_000_000;

    public bool IsOver => Limit is { } limit && Count > limit;

    /// <summary>How many characters over the limit (0 when within it or without one).</summary>
    public int Excess => Limit is { } limit && Count > limit ? Count - limit : 0;

    /// <summary>The body of <paramref name="report"/>, measured against <paramref name="limit"/>.</summary>
    public static ReportLength Of(ReportDocument report, int? limit) => new(CountBody(report), limit);

    /// <summary>The characters of the introduction and the body's blocks (see the rule above).</summary>
    public static int CountBody(ReportDocument report) => CharactersOf(report.Intro.ToString()) + report.Body.Sum(b => CharactersOf(b.Text));

    /// <summary>The characters of <paramref name="text"/> that count: every Unicode scalar but whitespace and control or format characters.</summary>
    public static int CharactersOf(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune)) continue;
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format) continue;
            count++;
        }

        return count;
    }

    /// <summary>A count as the pages print it: 8,160.</summary>
    public static string Format(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>What the submission's record says when the lead confirmed a body over the limit (the 修改记录 shows it).</summary>
    public string ConfirmedOverNote => $"报告正文 {Format(Count)} 字，超过方案规定的上限 {Format(Limit ?? 0)} 字，经县级负责人确认后提交";

    /// <summary>"正文 8,160 字 / 上限 5,000 字", or "正文 8,160 字" without a limit.</summary>
    public string Describe() => Limit is { } limit ? $"正文 {Format(Count)} 字 / 上限 {Format(limit)} 字" : $"正文 {Format(Count)} 字";
}
