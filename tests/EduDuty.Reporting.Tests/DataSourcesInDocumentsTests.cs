using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using EduDuty.Core.Reports;
using EduDuty.Testing;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// Issue 30: with the report setting 附录显示各指标的数据来源 the appendix's PDF (read back by pdftotext) and Word file name each
/// indicator's data source — the scheme file's own <c>dataSource</c> text — and the department that enters it; without it neither does.
/// </summary>
public sealed class DataSourcesInDocumentsTests
{
    // The scheme file's text, read from the JSON (not from the loaded scheme the builder uses).
    private static string SourceOf(string code)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Core", "Schemes", "SX-2021.scheme.json")));
        return json.RootElement.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("fields").EnumerateArray())
            .Single(f => f.GetProperty("code").GetString() == code).GetProperty("dataSource").GetString()!.Trim().TrimEnd('。');
    }

    private static string Squash(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    [Fact]
    public void The_pdf_and_the_docx_print_the_sources_only_with_the_setting()
    {
        // A judged entered indicator of 闻喜县's golden figures, entered by 财政局 in this test.
        var code = GoldenCase.Scheme.Fields.First(f => f.IsJudged && f.Kind == Core.Schemes.FieldKind.Number && GoldenCase.Figures.ContainsKey(f.Code) && f.DataSource is not null).Code;
        var name = Core.Text.ChinesePunctuation.Normalize(GoldenCase.Scheme.FindField(code)!.NameZh);
        var expected = Squash(Core.Text.ChinesePunctuation.Normalize($"{name}：{SourceOf(code)}（填报部门：财政局）。"));
        var with = ReportBuilder.Build(GoldenCase.Result, RenderedReports.GoldenTexts(), "闻喜县", RenderedReports.Today,
            context: new ReportContext(FieldDepartments: new Dictionary<string, string> { [code] = "财政局" }));

        var path = Path.Combine(Path.GetTempPath(), $"sources-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, RenderedReports.Renderer().RenderPdf(with));
        var (status, text) = Tools.Run("pdftotext", path, "-");
        File.Delete(path);
        Assert.Equal(0, status);
        Assert.Contains(expected, Squash(text));
        Assert.Contains(DataSources.Heading, text);

        using var docx = WordprocessingDocument.Open(new MemoryStream(ReportRenderer.RenderDocx(with)), false);
        Assert.Contains(expected, Squash(docx.MainDocumentPart!.Document.Body!.InnerText));

        Assert.DoesNotContain("填报部门：", Squash(RenderedReports.BodyText(RenderedReports.Golden.Pdf)));
    }
}
