using System.Text;
using EduDuty.Core.Administration;
using EduDuty.Core.Text;

namespace EduDuty.Core.Tests.Text;

/// <summary>The input rule (decision 0028), what exports write in place of what it refuses, and how uploaded text files are read.</summary>
public sealed class PlainTextRuleTests
{
    [Theory]
    [InlineData(0x0001)]
    [InlineData(0x0008)]
    [InlineData(0x000B)]
    [InlineData(0x000C)]
    [InlineData(0x001B)]
    [InlineData(0x007F)]
    [InlineData(0x0085)]
    [InlineData(0x009F)]
    [InlineData(0x202E)]
    [InlineData(0x202A)]
    [InlineData(0x2066)]
    [InlineData(0x2069)]
    [InlineData(0x200E)]
    [InlineData(0x200F)]
    [InlineData(0x061C)]
    [InlineData(0xFFFE)]
    [InlineData(0xFFFF)]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    public void Controls_direction_marks_and_non_characters_are_refused_in_every_field(int code)
    {
        var bad = ((char)code).ToString();
        Assert.NotNull(PlainText.Check($"闻教发{bad}〔2021〕13号", "文号"));
        Assert.NotNull(PlainText.Check($"第一段{bad}", "说明", multiLine: true));
        Assert.Contains("“文号”", PlainText.Check($"闻{bad}", "文号")!.Text, StringComparison.Ordinal);
        Assert.Contains("不可见的控制字符", PlainText.Check($"闻{bad}", "文号")!.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\t")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    public void Line_breaks_and_tabs_are_refused_in_one_line_fields_and_kept_in_paragraphs(string breaking)
    {
        Assert.NotNull(PlainText.Check($"140999{breaking}140998", "地区代码"));
        Assert.Null(PlainText.Check($"第一段{breaking}第二段", "说明", multiLine: true));
    }

    [Fact]
    public void A_line_break_in_a_one_line_field_says_so()
    {
        Assert.Equal("“地区代码”只能填写一行文字，不能含有换行，本次没有保存。请删除其中的换行后再提交。", PlainText.Check("140999\n140998", "地区代码")!.Text);
    }

    [Theory]
    [InlineData("闻教发〔2021〕13号")]
    [InlineData("😀 emoji 𠀀 outside the BMP")]
    [InlineData("Ａ全角　空格 · — …")]
    [InlineData("")]
    [InlineData(null)]
    public void Ordinary_text_passes(string? text) => Assert.Null(PlainText.Check(text, "标题"));

    [Fact]
    public void Exports_replace_every_refused_character_one_for_one_and_keep_line_breaks()
    {
        var stored = string.Concat(Enumerable.Range(0, 32).Select(c => (char)c)) + "\u007F\u0085\u202E\u2066\uFFFE\uD800x😀";
        var written = PlainText.ForExport(stored);

        Assert.Equal(stored.Length, written.Length);
        Assert.Equal("\t\n\r", new string(written.Where(c => c < ' ').ToArray()));
        Assert.Equal(32 - 3 + 6, written.Count(c => c == PlainText.Replacement));
        Assert.EndsWith("x😀", written, StringComparison.Ordinal);
        Assert.Same("干净的文字", PlainText.ForExport("干净的文字"));
    }

    private const string RegionsCsv = "code,name,parent_code\r\n140000,山西省,\r\n140800,运城市,140000\r\n";

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-8")]
    public void A_csv_in_utf8_or_in_utf16_with_its_mark_is_read_the_same(string encoding)
    {
        byte[] bytes = encoding switch
        {
            "utf-16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(RegionsCsv)],
            "utf-16be" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(RegionsCsv)],
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(RegionsCsv)],
            _ => Encoding.UTF8.GetBytes(RegionsCsv),
        };

        var (text, problem) = TextFile.Decode(bytes);

        Assert.Null(problem);
        var read = RegionCsv.Read(text!);
        Assert.Empty(read.Errors);
        Assert.Equal(["140000 山西省", "140800 运城市"], read.Rows.Select(r => $"{r.Code} {r.Name}"));
    }

    [Fact]
    public void Utf16_without_its_mark_and_gbk_are_refused_with_the_message()
    {
        Assert.Equal("csv-encoding-unknown", TextFile.Decode(Encoding.Unicode.GetBytes(RegionsCsv)).Problem?.Code);
        Assert.Equal("csv-encoding-unknown", TextFile.Decode([0xC9, 0xBD, 0xCE, 0xF7]).Problem?.Code); // 山西 in GBK
        Assert.Contains("CSV UTF-8", TextFile.Decode([0xC9, 0xBD, 0xCE, 0xF7]).Problem!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_with_cr_only_line_ends_is_read_row_by_row()
    {
        var regions = RegionCsv.Read("code,name,parent_code\r140000,山西省,\r140800,运城市,140000\r");
        var users = UserCsv.Read("username,display_name,role,region_code\ra.one,甲,CountyOfficial,140823\rb.two,乙,CountyLead,140823\r");

        Assert.Empty(regions.Errors);
        Assert.Equal(["140000", "140800"], regions.Rows.Select(r => r.Code));
        Assert.Empty(users.Errors);
        Assert.Equal([(2, "a.one"), (3, "b.two")], users.Rows.Select(r => (r.Line, r.UserName)));
    }

    [Fact]
    public void A_direction_mark_in_a_csv_name_or_email_is_refused_with_its_row()
    {
        var regions = RegionCsv.Read("code,name,parent_code\n140000,山西\u202E省,\n");
        var users = UserCsv.Read("username,display_name,role,region_code,email\na.one,甲,CountyOfficial,140823,a\u202E@example.cn\n");

        Assert.Equal(["第 2 行：名称中含有换行或不可见的控制字符，请删除"], regions.Errors);
        Assert.Single(users.Errors);
        Assert.StartsWith("第 2 行：电子邮箱", users.Errors[0], StringComparison.Ordinal);
    }
}
