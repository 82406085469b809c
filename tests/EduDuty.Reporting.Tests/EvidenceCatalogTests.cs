using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using EduDuty.Core.Reports;
using EduDuty.Testing;
using UglyToad.PdfPig;

namespace EduDuty.Reporting.Tests;

/// <summary>Issue 13: the report lists the evaluation's evidence after its appendix, in the PDF and in the Word export.</summary>
public sealed class EvidenceCatalogTests
{
    private static readonly IReadOnlyList<EvidenceEntry> Evidence =
    [
        new("A07_PRIVATE_COMPULSORY", "闻喜县民办义务教育学校名单", "闻教发〔2021〕13号", new DateOnly(2021, 3, 2)),
        new(null, "县政府常务会议纪要", null, null),
        new("A01_PARTY", "中共闻喜县委教育工作领导小组工作规则", "闻教组〔2021〕1号", new DateOnly(2021, 5, 10)),
    ];

    private static ReportDocument Model() => ReportBuilder.Build(GoldenCase.Result, RenderedReports.GoldenTexts(), "闻喜县", RenderedReports.Today, Evidence);

    [Fact]
    public void The_catalog_lists_the_whole_evaluation_first_then_each_area_in_scheme_order()
    {
        var sections = Model().Evidence!;

        Assert.Equal(["评价整体", "（一）全面加强党对教育工作的领导情况", "（七）规范民办义务教育发展情况"], sections.Select(s => s.Title));
        Assert.Equal(["1", "闻喜县民办义务教育学校名单", "闻教发〔2021〕13号", "2021年3月2日"], sections[2].Rows.Single());
        Assert.Equal(["1", "县政府常务会议纪要", "—", "—"], sections[0].Rows.Single());
    }

    [Fact]
    public void The_pdf_has_the_catalog_on_its_own_pages_with_a_bookmark()
    {
        var pdf = RenderedReports.Renderer().RenderPdf(Model());

        using var document = PdfDocument.Open(pdf);
        var last = SeedReport.Squash(string.Concat(document.GetPage(document.NumberOfPages).Letters.Select(l => l.Value)));
        Assert.Contains(SeedReport.Squash(EvidenceCatalog.Title), last);
        Assert.Contains(SeedReport.Squash("闻喜县民办义务教育学校名单闻教发〔2021〕13号2021年3月2日"), last);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        Assert.Contains(bookmarks.GetNodes(), b => b.Title == "附件2　" + EvidenceCatalog.Title);
    }

    [Fact]
    public void The_word_export_has_the_catalog_as_tables_and_still_validates()
    {
        using var stream = new MemoryStream(ReportRenderer.RenderDocx(Model()));
        using var document = WordprocessingDocument.Open(stream, false);

        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document).ToList();
        Assert.Empty(errors.Select(e => e.Description));
        var body = document.MainDocumentPart!.Document!.Body!;
        Assert.Contains(body.Descendants<Paragraph>(), p => p.InnerText == EvidenceCatalog.Title);
        var rows = body.Descendants<Table>().Last().Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(["序号", "材料名称", "文号", "成文日期"], rows[0]);
        Assert.Equal(["1", "闻喜县民办义务教育学校名单", "闻教发〔2021〕13号", "2021年3月2日"], rows[1]);
    }
}
