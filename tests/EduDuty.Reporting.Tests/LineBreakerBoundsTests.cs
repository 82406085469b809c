using EduDuty.Reporting.Layout;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// Issue 24: no layout search may grow faster than its text. The body's line breaker is fed texts made to defeat it — one
/// endless Latin word, numbers glued to units by slashes, document numbers one after another, punctuation only, blanks
/// for figures — of 20,000 characters, and must measure a bounded number of characters per character of text (counted,
/// not timed), and keep every character.
/// </summary>
public sealed class LineBreakerBoundsTests
{
    private const double Em = 16;
    private const double Width = 28 * Em;

    public static TheoryData<string, string> Texts() => new()
    {
        { "one Latin word", new string('a', 20_000) },
        { "digits and joiners", string.Concat(Enumerable.Repeat("1.0,", 5_000)) },
        { "units glued by slashes", string.Concat(Enumerable.Repeat("5元/", 6_667)) },
        { "document numbers", string.Concat(Enumerable.Repeat("〔2021〕13号", 2_000)) },
        { "punctuation only", new string('，', 20_000) },
        { "opening marks only", new string('《', 20_000) },
        { "blanks", new string('＿', 20_000) },
        { "ideographs", new string('字', 20_000) },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Adversarial_text_is_broken_with_work_linear_in_its_length(string kind, string text)
    {
        long measuredCharacters = 0;
        double Measure(string s)
        {
            measuredCharacters += s.Length;
            return s.Length * Em;
        }

        var lines = LineBreaker.Break(text, Width, 2 * Em, Measure, squeeze: true);

        Assert.Equal(text, string.Concat(lines.Select(l => string.Concat(l.Clusters.Select(c => c.Text)))));
        // A handful of measurements per character; a quadratic search would measure ~10^8 characters here.
        Assert.True(measuredCharacters <= 20L * text.Length, $"{kind}: {measuredCharacters} characters measured for {text.Length}");
    }
}
