using EduDuty.Core.Figures;
using EduDuty.Reporting.Excel;
using EduDuty.Testing;
using static EduDuty.Reporting.Tests.Excel.CountyWorkbookFixture;

namespace EduDuty.Reporting.Tests.Excel;

/// <summary>Reading a county workbook back: the round trip, what counts as edited, and every cell problem with its sheet and cell.</summary>
public sealed class CountyWorkbookReadTests
{
    [Fact]
    public void Golden_figures_come_back_unchanged_from_their_workbook()
    {
        var read = Read(Golden());

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var values = read.Entries.Where(e => !e.Entry.IsBlank).ToDictionary(e => e.Field.Code, e => e.Entry.ToValue()!.Value.ToInvariantString());
        var golden = GoldenCase.Figures.ToDictionary(p => p.Key, p => p.Value.ToInvariantString());
        Assert.Equal(golden.OrderBy(p => p.Key), values.OrderBy(p => p.Key));
        Assert.All(read.Entries, e => Assert.False(e.Edited, $"{e.Field.Code} counted as edited"));
        Assert.Equal(new WorkbookCover("闻喜县", 2021, "SX-2021", 1), read.Cover);
    }

    [Fact]
    public void Every_input_of_the_catalog_has_a_row_and_no_computed_field_is_read()
    {
        var catalog = CatalogCsv.Read(RepositoryPaths.Fixture("sx-2021", "catalog-sx-2021.csv"));
        var inputs = catalog.Where(r => r["kind"] is "number" or "bool" or "text").Select(r => r["code"]).Order(StringComparer.Ordinal);

        var read = Read(Golden());

        Assert.Equal(inputs, read.Entries.Select(e => e.Field.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Only_cells_edited_in_the_workbook_count_as_changes_and_a_cleared_cell_clears()
    {
        var workbook = Golden();
        var edited = XlsxEdit.Set(workbook,
            (Preschool, ValueCell(workbook, Preschool, "A10.01"), 10800m),
            (Preschool, ValueCell(workbook, Preschool, "A10.11"), null),
            (Party, ValueCell(workbook, Party, "A01.01"), "否"));

        var read = Read(edited);

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var changes = read.Entries.Where(e => e.Edited).ToDictionary(e => e.Field.Code, e => e.Entry.ToValue()?.ToInvariantString());
        Assert.Equal(new Dictionary<string, string?> { ["A01.01"] = "false", ["A10.01"] = "10800", ["A10.11"] = null }, changes);
        Assert.Equal($"{Preschool}!{ValueCell(workbook, Preschool, "A10.01")}", read.Entries.Single(e => e.Field.Code == "A10.01").Location);
    }

    [Theory]
    [InlineData("A10.01", 12.5, "学前三年适龄人口：请输入整数（单位：人）")] // a count: 人
    [InlineData("A10.02", -3, "不能为负数")]
    [InlineData("A10.01", "一万", "请输入整数")]
    [InlineData("A10.01", "#DIV/0!", "错误值 #DIV/0!")]
    [InlineData("A01.01", "可能", "请选择“是”或“否”")]
    [InlineData("A01.01", 1, "请从下拉列表选择“是”或“否”")]
    [InlineData("A10.01", 1e9, "数值过大（上限 100,000,000）")]
    public void A_wrong_cell_is_named_by_sheet_and_cell_and_nothing_is_read(string code, object value, string message)
    {
        var workbook = Golden();
        var sheet = code.StartsWith("A10", StringComparison.Ordinal) ? Preschool : Party;
        var cell = ValueCell(workbook, sheet, code);

        var read = Read(XlsxEdit.Set(workbook, (sheet, cell, value is int i ? (decimal)i : value)));

        var error = Assert.Single(read.Errors);
        Assert.Equal($"{sheet}!{cell}", error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(read.Entries);
    }

    [Fact]
    public void A_percentage_above_100_and_a_text_too_long_are_refused_where_they_are()
    {
        var catalog = CatalogCsv.Read(RepositoryPaths.Fixture("sx-2021", "catalog-sx-2021.csv"));
        var percent = catalog.First(r => r["kind"] == "number" && r["unit"] == "%");
        var text = catalog.First(r => r["kind"] == "text");
        var workbook = Golden();
        var percentSheet = SheetOf(percent["area"]);
        var textSheet = SheetOf(text["area"]);

        var read = Read(XlsxEdit.Set(workbook,
            (percentSheet, ValueCell(workbook, percentSheet, percent["code"]), 100.5m),
            (textSheet, ValueCell(workbook, textSheet, text["code"]), new string('字', FigureEntryValidator.MaxTextLength + 1))));

        Assert.Equal(2, read.Errors.Count);
        Assert.Contains(read.Errors, e => e.Location == $"{percentSheet}!{ValueCell(workbook, percentSheet, percent["code"])}" && e.Message.Contains("0–100", StringComparison.Ordinal));
        Assert.Contains(read.Errors, e => e.Location == $"{textSheet}!{ValueCell(workbook, textSheet, text["code"])}" && e.Message.Contains("最多 2000 个字符", StringComparison.Ordinal));
    }

    [Fact]
    public void Numbers_typed_as_text_with_full_width_digits_or_separators_read_as_the_form_reads_them()
    {
        var workbook = Golden();
        var read = Read(XlsxEdit.Set(workbook,
            (Preschool, ValueCell(workbook, Preschool, "A10.01"), "１０，７５６"),
            (Preschool, ValueCell(workbook, Preschool, "A10.02"), 10736.000000000002d)));

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        Assert.Equal("10756", read.Entries.Single(e => e.Field.Code == "A10.01").Entry.ToValue()!.Value.ToInvariantString());
        var a1002 = read.Entries.Single(e => e.Field.Code == "A10.02");
        Assert.Equal("10736", a1002.Entry.ToValue()!.Value.ToInvariantString());
        Assert.False(a1002.Edited); // a binary fraction Excel wrote for the same number is not an edit
    }

    [Fact]
    public void An_unknown_or_repeated_code_is_refused_at_its_code_cell()
    {
        var workbook = Golden();
        var row = XlsxEdit.RowOf(workbook, Preschool, "A10.01");
        var row2 = XlsxEdit.RowOf(workbook, Preschool, "A10.02");

        var read = Read(XlsxEdit.Set(workbook, (Preschool, $"A{row}", "A10.99"), (Preschool, $"A{row2}", "A01.03")));

        Assert.Contains(read.Errors, e => e.Location == $"{Preschool}!A{row}" && e.Message.Contains("没有代码为 A10.99 的指标", StringComparison.Ordinal));
        Assert.Contains(read.Errors, e => e.Location == $"{Preschool}!A{row2}" && e.Message.Contains("出现了两次", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cover_is_handed_to_the_caller_who_may_refuse_the_workbook()
    {
        var read = CountyWorkbookReader.Read(new MemoryStream(Golden()),
            cover => (null, [new FigureError("封面", $"这是{cover.County}的填报表")]));

        Assert.False(read.IsValid);
        Assert.Equal("这是闻喜县的填报表", Assert.Single(read.Errors).Message);
    }

    [Theory]
    [InlineData("pdf", "不是 Excel 工作簿")]
    [InlineData("zip", "不是 Excel 工作簿")]
    [InlineData("xls", "旧版 Excel")]
    [InlineData("empty", "空的")]
    [InlineData("nocover", "找不到“封面”工作表")]
    public void What_is_not_a_county_workbook_is_refused_with_what_to_do(string kind, string message)
    {
        var bytes = kind switch
        {
            "pdf" => "%PDF-1.7\n1 0 obj\n"u8.ToArray(),
            "zip" => ZipWith("readme.txt"),
            "xls" => File.ReadAllBytes(RepositoryPaths.Fixture("evidence", "table.xls")),
            "empty" => [],
            _ => WithoutCover(),
        };

        var read = Read(bytes);

        Assert.Contains(message, Assert.Single(read.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_that_would_expand_past_the_limit_is_refused_unread()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, true))
        {
            foreach (var name in new[] { "[Content_Types].xml", "xl/workbook.xml" }) zip.CreateEntry(name).Open().Dispose();
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml").Open();
            sheet.Write(new byte[20 * 1024 * 1024]); // 20 MB of zeros: a few kilobytes packed
        }

        var read = Read(buffer.ToArray());

        Assert.Contains("压缩炸弹", Assert.Single(read.Errors).Message, StringComparison.Ordinal);
    }

    private static string SheetOf(string areaKey) => GoldenCase.Scheme.FindArea(areaKey)!.Heading;

    private static byte[] ZipWith(string name)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, true))
        using (var writer = new StreamWriter(zip.CreateEntry(name).Open())) writer.Write("hello");
        return buffer.ToArray();
    }

    private static byte[] WithoutCover()
    {
        using var buffer = new MemoryStream();
        buffer.Write(Golden());
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(buffer, true))
        {
            var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First();
            sheet.Name = "Sheet1";
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Issue 24: a workbook whose sheets hold more than 50,000 cells (here the golden one with 6,300 rows of 8 numbers added to
    /// an area sheet, 1.3 MB of XML) is refused naming the limit, while its cells are read as a stream; nothing is read.
    /// </summary>
    [Fact]
    public void A_workbook_past_fifty_thousand_cells_is_refused_naming_the_limit()
    {
        using var buffer = new MemoryStream();
        buffer.Write(CountyWorkbookFixture.Golden());
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(buffer, true))
        {
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook!.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == CountyWorkbookFixture.Preschool);
            var data = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet!.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.SheetData>()!;
            for (var row = 1000; row < 7300; row++)
            {
                data.Append(new DocumentFormat.OpenXml.Spreadsheet.Row(Enumerable.Range(0, 8).Select(c =>
                    new DocumentFormat.OpenXml.Spreadsheet.Cell { CellReference = $"{(char)('A' + c)}{row}", CellValue = new DocumentFormat.OpenXml.Spreadsheet.CellValue(row) })) { RowIndex = (uint)row });
            }
        }

        var read = CountyWorkbookFixture.Read(buffer.ToArray());

        Assert.Empty(read.Entries);
        Assert.Equal("工作簿超过了 50000 个单元格的上限，没有导入任何内容。请删去不需要的行、列或工作表，或拆分成几个文件分别导入。", Assert.Single(read.Errors).Message);
    }
}
