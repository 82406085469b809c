using EduDuty.Core.Rules;
using EduDuty.Reporting.Excel;
using EduDuty.Testing;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EduDuty.Reporting.Tests.Excel;

/// <summary>
/// A department's workbook (issue 30, decision 0054): the golden county's figures written for 财政局 hold only the fields the
/// scheme file gives 财政局 (read from the JSON), their values as saved, no computed row and no other input anywhere in the
/// file; the cover names the department, and the reader gives it back.
/// </summary>
public sealed class DepartmentWorkbookTests
{
    private static byte[] Finance(IReadOnlySet<string> fields)
    {
        var result = RuleEngine.For(GoldenCase.Scheme).Evaluate(GoldenCase.Figures);
        var versions = GoldenCase.Figures.Keys.ToDictionary(k => k, _ => 1, StringComparer.Ordinal);
        return CountyWorkbook.Write(new CountyWorkbookContent(result, "闻喜县", "140823", 2021, versions, GoldenCase.Figures,
            new DateTime(2026, 12, 7, 1, 0, 0, DateTimeKind.Utc)) { Department = new DepartmentPart("财政局", fields) });
    }

    [Fact]
    public void Only_the_departments_rows_are_in_the_file_with_their_saved_values_and_its_name_on_the_cover()
    {
        var codes = SchemeDepartments.FieldsOf("财政局");
        var workbook = Finance(codes.ToHashSet(StringComparer.Ordinal));

        var read = CountyWorkbookFixture.Read(workbook);
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        Assert.Equal(codes, read.Entries.Select(e => e.Field.Code));
        Assert.Equal("财政局", read.Cover!.Department);
        foreach (var entry in read.Entries)
        {
            Assert.Equal(GoldenCase.Figures.TryGetValue(entry.Field.Code, out var v) ? v.ToInvariantString() : null, entry.Entry.ToValue()?.ToInvariantString());
            Assert.False(entry.Edited);
        }

        // Column A of every area sheet holds nothing but the department's codes (and the header): no computed row, no other input.
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var strings = document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheets = document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().ToList();
        // The cover and one sheet per area that has a field of the department: 四、五、八、九、十.
        Assert.Equal(1 + codes.Select(c => GoldenCase.Scheme.FindField(c)!.AreaKey).Distinct().Count(), sheets.Count);
        Assert.Equal(5, sheets.Count - 1);
        var codesInColumnA = sheets.Skip(1)
            .SelectMany(s => ((WorksheetPart)document.WorkbookPart.GetPartById(s.Id!)).Worksheet.Descendants<Cell>())
            .Where(c => c.CellReference!.Value!.StartsWith('A') && int.Parse(c.CellReference.Value[1..], System.Globalization.CultureInfo.InvariantCulture) > CountyWorkbookLayout.HeaderRow)
            .Select(c => c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)] : c.InnerText)
            .Where(t => t.Length > 0)
            .ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codesInColumnA.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_countys_workbook_is_unchanged_by_the_filter_having_no_department()
    {
        var read = CountyWorkbookFixture.Read(CountyWorkbookFixture.Golden());
        Assert.Null(read.Cover!.Department);
        Assert.Equal(188, read.Entries.Count); // catalog-sx-2021.csv: 188 entered fields
    }
}
