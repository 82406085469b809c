using EduDuty.Reporting.Layout;

namespace EduDuty.Reporting.Tests;

public sealed class LineBreakerTests
{
    // Every character one unit wide, Latin ones half: enough to reason about breaks.
    private static double Measure(string s) => s.Sum(c => c < 0x2E80 && c != '“' && c != '”' ? 0.5 : 1.0);

    private static List<string> Break(string text, double width) =>
        LineBreaker.Break(text, width, 0, Measure).Select(l => l.Text).ToList();

    [Fact]
    public void Breaks_between_chinese_characters()
    {
        Assert.Equal(["学前教育", "普及普惠"], Break("学前教育普及普惠", 4));
    }

    [Fact]
    public void Closing_punctuation_never_starts_a_line()
    {
        var lines = Break("毛入园率达标，完成目标。", 5);

        Assert.DoesNotContain(lines, l => LineBreaker.NoLineStart.Contains(l[0], StringComparison.Ordinal));
        Assert.Equal("毛入园率达标，完成目标。", string.Concat(lines));
    }

    [Fact]
    public void Opening_punctuation_never_ends_a_line()
    {
        var lines = Break("审议通过了《工作规则》", 5);

        Assert.DoesNotContain(lines, l => LineBreaker.NoLineEnd.Contains(l[^1], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("毛入园率达99.82%的目标", "99.82%")]
    [InlineData("代码A10.03的指标", "A10.03")]
    [InlineData("支出57,628万元", "57,628")]
    public void Numbers_and_latin_words_stay_whole(string text, string word)
    {
        for (var width = 3.0; width <= 8; width += 0.5)
        {
            Assert.Contains(Break(text, width), l => l.Contains(word, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_word_longer_than_the_line_is_split_rather_than_overflowing()
    {
        var lines = LineBreaker.Break(new string('A', 30), 5, 0, Measure);

        Assert.All(lines, l => Assert.True(l.Width <= 5.001));
        Assert.Equal(new string('A', 30), string.Concat(lines.Select(l => l.Text)));
    }

    [Fact]
    public void The_first_line_keeps_its_indent()
    {
        var lines = LineBreaker.Break("一二三四五六七八九十", 5, 2, Measure);

        Assert.Equal(["一二三", "四五六七八", "九十"], lines.Select(l => l.Text));
        Assert.True(lines[^1].IsLast);
    }

    [Fact]
    public void A_paragraph_never_ends_on_one_character_and_its_stop()
    {
        // Four characters a line: 甲乙丙丁 / 戊己庚 / 辛。 would leave "辛。" alone; the line before gives it 庚.
        var lines = LineBreaker.Break("甲乙丙丁戊己庚辛。", 4, 0, s => s.Length);

        Assert.Equal(["甲乙丙丁", "戊己", "庚辛。"], lines.Select(l => l.Text));
        Assert.True(lines[^1].IsLast);
    }
}
