using EduDuty.Core.Administration;

namespace EduDuty.Core.Tests.Administration;

/// <summary>RFC 4180 as Excel, WPS and LibreOffice write it; rows numbered as a spreadsheet shows them.</summary>
public sealed class CsvTests
{
    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var table = Csv.Read("a,b,c\r\n\"运城市, 闻喜县\",\"说\"\"好\"\"的\",\"两\r\n行\"\r\nx,y,z\r\n");

        Assert.Null(table.Error);
        Assert.Equal(3, table.Records.Count);
        Assert.Equal(["运城市, 闻喜县", "说\"好\"的", "两\r\n行"], table.Records[1].Fields);
        Assert.Equal([1, 2, 3], table.Records.Select(r => r.Number));
    }

    [Theory]
    [InlineData("a,b\r\nc,d\r\ne,f")]
    [InlineData("a,b\nc,d\ne,f\n")]
    [InlineData("a,b\rc,d\re,f")]
    [InlineData("\uFEFFa,b\r\nc,d\r\ne,f\r\n")]
    public void Crlf_lf_a_lone_cr_and_a_byte_order_mark_read_alike(string text)
    {
        var table = Csv.Read(text);

        Assert.Null(table.Error);
        Assert.Equal([["a", "b"], ["c", "d"], ["e", "f"]], table.Records.Select(r => r.Fields.ToArray()));
    }

    [Fact]
    public void Ragged_rows_come_through_with_their_own_length_for_the_reader_to_name()
    {
        var table = Csv.Read("a,b,c\n1\n1,2,3,4\n\n1,2,3");

        Assert.Null(table.Error);
        Assert.Equal([3, 1, 4, 1, 3], table.Records.Select(r => r.Fields.Count));
        Assert.True(table.Records[3].IsBlank);
    }

    [Theory]
    [InlineData("a,b\n\"x\"y,z", 2)]
    [InlineData("a,b\nc,d\ne,\"open", 3)]
    [InlineData("\"x\"y,z", 1)]
    [InlineData("\"", 1)]
    public void A_malformed_quote_refuses_the_file_naming_its_row(string text, int row)
    {
        var table = Csv.Read(text);

        Assert.Empty(table.Records);
        Assert.StartsWith($"第 {row} 行：引号使用有误", table.Error);
    }

    [Fact]
    public void The_user_file_names_every_problem_of_every_row_and_a_wrong_column_count()
    {
        var result = UserCsv.Read("username,display_name,role,region_code\nok.user,张三,CountyOfficial,140823\nx,李四,Nobody,14082\nonly,two\n");

        Assert.False(result.IsValid);
        Assert.Contains("第 3 行：用户名 “x” 无效（3–64 个字符，只能用字母、数字和 - . _ @ +）", result.Errors);
        Assert.Contains(result.Errors, e => e.StartsWith("第 3 行：角色 “Nobody” 无效", StringComparison.Ordinal));
        Assert.Contains("第 3 行：地区代码 “14082” 应为 6 位行政区划代码", result.Errors);
        Assert.Contains("第 4 行：应有 4 列，实际 2 列", result.Errors);
    }

    [Fact]
    public void The_region_file_reads_a_quoted_name_and_refuses_a_bad_header()
    {
        var good = RegionCsv.Read("\uFEFFcode,name,parent_code\r\n140800,\"运城市\",140000\r\n");
        var bad = RegionCsv.Read("code;name;parent_code\n140800;运城市;140000\n");

        Assert.True(good.IsValid);
        Assert.Equal(("140800", "运城市", "140000"), (good.Rows[0].Code, good.Rows[0].Name, good.Rows[0].ParentCode));
        Assert.Equal(["第 1 行：表头应为 code,name,parent_code"], bad.Errors);
    }

    /// <summary>Issue 24: a file past the row limit is refused naming the limit, before more of it is read; the limit itself is read.</summary>
    [Fact]
    public void A_file_past_ten_thousand_rows_is_refused_naming_the_limit()
    {
        var refused = Csv.Read(string.Join("\n", Enumerable.Repeat("140823,闻喜县,140800", Csv.MaxRecords + 1)));
        var kept = Csv.Read(string.Join("\n", Enumerable.Repeat("140823,闻喜县,140800", Csv.MaxRecords)));

        Assert.Empty(refused.Records);
        Assert.Equal("CSV 文件超过了 10000 行的上限，没有导入任何内容。请删去不需要的行、列或工作表，或拆分成几个文件分别导入。", refused.Error);
        Assert.Null(kept.Error);
        Assert.Equal(10_000, kept.Records.Count);
        Assert.Contains(RegionCsv.Read(RegionCsv.Header + "\n" + string.Join("\n", Enumerable.Repeat("140823,闻喜县,140800", Csv.MaxRecords))).Errors, e => e.Contains("10000 行", StringComparison.Ordinal));
    }
}
