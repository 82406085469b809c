using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EduDuty.Core.Figures;
using EduDuty.Testing;
using static EduDuty.Reporting.Tests.Excel.CountyWorkbookFixture;

namespace EduDuty.Reporting.Tests.Excel;

/// <summary>The county workbook as an official meets it in Excel: sheets, prefilled values, drop-downs, protection, print setup.</summary>
public sealed class CountyWorkbookStructureTests
{
    private static readonly byte[] Workbook = Golden(lastYear: new Dictionary<string, FieldValue> { ["A10.01"] = FieldValue.Of(10900m) });

    [Fact]
    public void A_cover_then_one_sheet_per_area_in_the_order_of_the_report()
    {
        using var document = Open();
        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();

        Assert.Equal("封面", names[0]);
        Assert.Equal(["基本情况", "（一）全面加强党对教育工作的领导情况", "（二）深化新时代教育评价改革情况"], names.Skip(1).Take(3));
        Assert.Equal("（十二）教育安全稳定情况", names[^1]);
        Assert.Equal(14, names.Count);
        Assert.All(names, n => Assert.True(n!.Length <= 31));
    }

    [Fact]
    public void Rows_show_code_name_unit_last_year_and_this_years_saved_value_and_computed_rows_their_formula()
    {
        var cells = XlsxEdit.Cells(Workbook)[Preschool];
        var row = XlsxEdit.RowOf(Workbook, Preschool, "A10.01");
        var rate = XlsxEdit.RowOf(Workbook, Preschool, "A10.03");

        Assert.Equal("人", cells[$"C{row}"]);
        Assert.Equal("10900", cells[$"D{row}"]);      // last year
        Assert.Equal("10755", cells[$"E{row}"]);      // the golden figure, as saved
        Assert.Equal("必填", cells[$"F{row}"]);
        Assert.Equal("99.82", cells[$"E{rate}"]);     // golden A10.03
        Assert.Contains("计算：在园幼儿数 (不含托班) ÷ 学前三年适龄人口", cells[$"G{rate}"], StringComparison.Ordinal);
        Assert.Contains("目标：≥ 90%", cells[$"G{rate}"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_change_from_last_year_is_written_only_where_last_year_has_a_number()
    {
        var cells = XlsxEdit.Cells(Workbook);
        var row = XlsxEdit.RowOf(Workbook, Preschool, "A10.01");

        // 10755 this year against 10900 last year: 145 fewer, 145 / 10900 = 1.33 %.
        Assert.Equal("-145人（-1.33%）", cells[Preschool][$"J{row}"]);
        // Every other row of every area has no last year here: its change is empty, never a change from zero
        // (the workbook once printed "+1167平方公里" for a county's area with no last year).
        var others = cells.Where(s => s.Key != "封面")
            .SelectMany(s => s.Value.Where(c => c.Key.StartsWith('J') && c.Key != "J3" && !(s.Key == Preschool && c.Key == $"J{row}")))
            .Where(c => !string.IsNullOrEmpty(c.Value))
            .ToList();
        Assert.Empty(others);
    }

    [Fact]
    public void Yes_no_cells_drop_down_and_counts_accept_only_whole_numbers()
    {
        using var document = Open();
        var validations = XlsxEdit.Part(document, Party).Worksheet.Descendants<DataValidation>().ToList();
        var flag = ValueCell(Workbook, Party, "A01.01");   // 是/否 in the catalog
        var count = ValueCell(Workbook, Party, "A01.03");  // 次 in the catalog

        var list = validations.Single(v => v.SequenceOfReferences!.Items.Any(i => i.Value == flag));
        Assert.Equal(DataValidationValues.List, list.Type!.Value);
        Assert.Equal("\"是,否\"", list.Formula1!.Text);
        var whole = validations.Single(v => v.SequenceOfReferences!.Items.Any(i => i.Value == count));
        Assert.Equal(DataValidationValues.Whole, whole.Type!.Value);
        Assert.Equal(["0", "100000000"], [whole.Formula1!.Text, whole.Formula2!.Text]);
        Assert.All(validations, v => Assert.True(v.ShowErrorMessage!.Value));
    }

    [Fact]
    public void Only_value_cells_are_unlocked_on_protected_sheets_with_frozen_headers_printing_on_A4()
    {
        using var document = Open();
        var part = XlsxEdit.Part(document, Preschool);
        var formats = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        bool Unlocked(string reference)
        {
            var cell = part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);
            return formats[(int)(cell.StyleIndex?.Value ?? 0)].Protection?.Locked?.Value == false;
        }

        var row = XlsxEdit.RowOf(Workbook, Preschool, "A10.01");
        var rate = XlsxEdit.RowOf(Workbook, Preschool, "A10.03");
        Assert.True(Unlocked($"E{row}"));
        Assert.False(Unlocked($"A{row}"));
        Assert.False(Unlocked($"E{rate}"));
        Assert.True(part.Worksheet.Descendants<SheetProtection>().Single().Sheet!.Value);

        var pane = part.Worksheet.Descendants<Pane>().Single();
        Assert.Equal("A4", pane.TopLeftCell!.Value);
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        var page = part.Worksheet.Descendants<PageSetup>().Single();
        Assert.Equal(9u, page.PaperSize!.Value); // A4 in SpreadsheetML's paper codes
        var titles = document.WorkbookPart.Workbook.DefinedNames!.Elements<DefinedName>().Where(d => d.Name == "_xlnm.Print_Titles");
        Assert.Contains(titles, d => d.Text == $"'{Preschool}'!$1:$3");
    }

    [Fact]
    public void Columns_are_wide_enough_for_the_longest_chinese_name()
    {
        using var document = Open();
        var columns = XlsxEdit.Part(document, Preschool).Worksheet.Descendants<Column>().ToList();
        var longest = GoldenCase.Scheme.FindArea("A10_PRESCHOOL")!.Fields.Max(f => f.NameZh.Length);

        Assert.True(columns[1].Width!.Value >= Math.Min(44, longest * 2), $"name column {columns[1].Width} for {longest} characters");
        Assert.True(columns[7].Hidden!.Value && columns[8].Hidden!.Value); // what the upload compares with stays out of sight
    }

    private static SpreadsheetDocument Open() => SpreadsheetDocument.Open(new MemoryStream(Workbook), false);
}
