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

        // A plain break would start the second line with "，": the comma takes its character with it.
        Assert.Equal(["毛入园率达", "标，完成", "目标。"], lines);
        Assert.DoesNotContain(lines, l => Kinsoku.NoLineStart.Contains(l[0], StringComparison.Ordinal));
    }

    [Fact]
    public void Opening_punctuation_never_ends_a_line()
    {
        var lines = Break("审议通过了《工作规则》", 5);

        Assert.DoesNotContain(lines, l => Kinsoku.NoLineEnd.Contains(l[^1], StringComparison.Ordinal));
        Assert.Equal("审议通过了《工作规则》", string.Concat(lines));
    }

    public static TheoryData<char> NoLineStart => [.. Kinsoku.NoLineStart];

    public static TheoryData<char> NoLineEnd => [.. Kinsoku.NoLineEnd];

    [Theory]
    [MemberData(nameof(NoLineStart))]
    public void A_mark_the_standards_keep_from_a_lines_start_never_starts_one(char mark)
    {
        // The mark after a character, shifted along a five-character line until a plain break would put it first on a line.
        for (var shift = 0; shift <= 5; shift++)
        {
            var text = new string('字', shift) + "甲" + mark + "乙丙丁戊己庚";
            var lines = LineBreaker.Break(text, 5, 0, s => s.Length).Select(l => l.Text).ToList();

            Assert.Equal(text, string.Concat(lines));
            var offences = lines.Select((l, i) => Kinsoku.Offence(l, i == 0, i == lines.Count - 1)).OfType<string>().ToList();
            Assert.True(offences.Count == 0, $"{string.Join(" / ", lines)}: {string.Join("; ", offences)}");
        }
    }

    [Theory]
    [MemberData(nameof(NoLineEnd))]
    public void A_mark_the_standards_keep_from_a_lines_end_never_ends_one(char mark)
    {
        for (var shift = 0; shift <= 5; shift++)
        {
            var text = new string('字', shift) + mark + "乙丙丁戊己庚";
            var lines = LineBreaker.Break(text, 5, 0, s => s.Length).Select(l => l.Text).ToList();

            Assert.Equal(text, string.Concat(lines));
            var offences = lines.Select((l, i) => Kinsoku.Offence(l, i == 0, i == lines.Count - 1)).OfType<string>().ToList();
            Assert.True(offences.Count == 0, $"{string.Join(" / ", lines)}: {string.Join("; ", offences)}");
        }
    }

    [Theory]
    [InlineData("——")]
    [InlineData("……")]
    public void A_two_character_dash_or_ellipsis_is_never_split_between_two_lines(string mark)
    {
        // GB/T 15834—2011 5.1.4 (破折号) and clreq's 符号分离禁则 (破折号, 省略号): one mark two characters wide.
        for (var shift = 0; shift <= 5; shift++)
        {
            var text = new string('字', shift) + "甲" + mark + "乙丙丁戊己庚";
            var lines = LineBreaker.Break(text, 5, 0, s => s.Length).Select(l => l.Text).ToList();

            Assert.Contains(lines, l => l.Contains(mark, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("全县共有学校104所，在校学生数", "104所，")]
    [InlineData("生均公用经费标准为12000元/生/年，高于", "12000元/生/年，")]
    [InlineData("普惠性幼儿园覆盖率达到＿＿%，完成目标", "＿＿%，")]
    [InlineData("印发了《工作规则》（晋政教督〔2021〕13号）文件", "〔2021〕13号）")]
    [InlineData("常住人口＿＿万人，全县", "＿＿万")]
    public void A_number_keeps_its_unit_on_its_line(string sample, string whole)
    {
        // A 28-character line, the sample shifted along it one character at a time: the piece is never split.
        for (var shift = 0; shift < 28; shift++)
        {
            var text = new string('字', shift) + sample;
            var lines = Break(text, 28);

            Assert.Equal(text, string.Concat(lines));
            Assert.Contains(lines, l => l.Contains(whole, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_document_number_parts_at_its_bracket_rather_than_space_a_short_line_widely()
    {
        // Ten characters a line: keeping "〔2021〕13号）" (6 wide) whole would spread 5 characters' slack over 3 gaps.
        var lines = Break("字字字字字〔2021〕13号）文件", 10);

        Assert.Equal(["字字字字字〔2021〕", "13号）文件"], lines);
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
