using EduDuty.Core.Figures;
using EduDuty.Reporting.Excel;
using EduDuty.Testing;
using MiniExcelLibs;
using static EduDuty.Reporting.Tests.Excel.CountyWorkbookFixture;

namespace EduDuty.Reporting.Tests.Excel;

/// <summary>
/// Workbooks saved by other programs: LibreOffice (re-saving ours, as a county that fills it in LibreOffice does; it rewrites
/// every cell as shared strings and numbers) and MiniExcel (a workbook made without our writer at all).
/// </summary>
public sealed class OtherProgramsTests
{
    [Fact]
    public void A_workbook_edited_then_saved_by_LibreOffice_reads_with_only_the_edits_as_changes()
    {
        var workbook = Golden();
        var edited = XlsxEdit.Set(workbook,
            (Preschool, ValueCell(workbook, Preschool, "A10.02"), 10740m),
            (Party, ValueCell(workbook, Party, "A01.01"), "否"));

        var read = Read(LibreOffice.Resave(edited));

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var changes = read.Entries.Where(e => e.Edited).ToDictionary(e => e.Field.Code, e => e.Entry.ToValue()?.ToInvariantString());
        Assert.Equal(new Dictionary<string, string?> { ["A01.01"] = "false", ["A10.02"] = "10740" }, changes);
        Assert.Equal(GoldenCase.Figures.Count, read.Entries.Count(e => !e.Entry.IsBlank));
    }

    [Fact]
    public void Our_workbooks_open_in_LibreOffice_which_keeps_protection_and_drop_downs()
    {
        var resaved = LibreOffice.Resave(Golden());

        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(resaved), false);
        var part = XlsxEdit.Part(document, Party);
        Assert.NotEmpty(part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.SheetProtection>());
        Assert.Contains(part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.DataValidation>(),
            v => v.Type?.Value == DocumentFormat.OpenXml.Spreadsheet.DataValidationValues.List);
    }

    [Fact]
    public void A_workbook_made_by_another_library_reads_every_value_as_new()
    {
        var path = Path.Combine(Path.GetTempPath(), $"miniexcel-{Guid.NewGuid():N}.xlsx");
        try
        {
            var sheets = new Dictionary<string, object>
            {
                ["封面"] = new[]
                {
                    new Dictionary<string, object> { ["项目"] = "县（市、区）", ["内容"] = "闻喜县" },
                    new Dictionary<string, object> { ["项目"] = "年度", ["内容"] = "2021" },
                    new Dictionary<string, object> { ["项目"] = "评价方案", ["内容"] = "SX-2021" },
                    new Dictionary<string, object> { ["项目"] = "方案版本", ["内容"] = "1" },
                },
                ["学前"] = new[]
                {
                    new Dictionary<string, object> { ["代码"] = "A10.01", ["指标"] = "学前三年适龄人口", ["本年数值"] = 10755 },
                    new Dictionary<string, object> { ["代码"] = "A10.14", ["指标"] = "每个乡镇至少1所公办中心园", ["本年数值"] = "是" },
                    new Dictionary<string, object> { ["代码"] = "A10.03", ["指标"] = "学前三年毛入园率", ["本年数值"] = 12.5 },
                },
            };
            MiniExcel.SaveAs(path, sheets);

            var read = Read(File.ReadAllBytes(path));

            Assert.True(read.IsValid, string.Join("; ", read.Errors));
            Assert.Equal(new WorkbookCover(null, null, null, null) with { County = "闻喜县", Year = 2021, SchemeCode = "SX-2021", SchemeVersion = 1 }, read.Cover);
            var values = read.Entries.ToDictionary(e => e.Field.Code, e => e.Entry.ToValue()?.ToInvariantString());
            Assert.Equal(new Dictionary<string, string?> { ["A10.01"] = "10755", ["A10.14"] = "true" }, values); // A10.03 is computed: not read
            Assert.All(read.Entries, e => Assert.True(e.Edited));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
