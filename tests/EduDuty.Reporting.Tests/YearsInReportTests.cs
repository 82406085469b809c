using DocumentFormat.OpenXml.Packaging;
using EduDuty.Core.Figures;
using EduDuty.Core.Rectification;
using EduDuty.Core.Reports;
using EduDuty.Core.Rules;
using EduDuty.Testing;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// Issue 16 in print: a report with last year (the appendix's 上年 and 较上年 columns) and last year's rectification tasks
/// (section 三, the later sections renumbered) says in the PDF and the Word file exactly what its model says.
/// </summary>
public sealed class YearsInReportTests
{
    private static readonly Lazy<ReportDocument> Model = new(() =>
    {
        var lastYear = RuleEngine.For(GoldenCase.Scheme).Evaluate(new Dictionary<string, FieldValue>
        {
            ["A10.01"] = FieldValue.Of(10800m), ["A10.02"] = FieldValue.Of(10500m),
        });
        IReadOnlyList<RectificationItem> tasks =
        [
            new("全县民办义务教育阶段在校生占比超过5%", "对3所民办学校分别采取民转公、缩轨方式。", "县教育局", new DateOnly(2022, 8, 31), RectificationStatus.InProgress, null, "已完成1所学校的民转公。"),
            new("建立教师工资保障长效机制", null, null, null, RectificationStatus.NotStarted, null, null),
        ];
        return ReportBuilder.Build(GoldenCase.Result, RenderedReports.GoldenTexts(), "闻喜县", RenderedReports.Today, context: new ReportContext(lastYear, tasks, RenderedReports.Today));
    });

    [Fact]
    public void The_pdf_prints_the_rectification_section_and_last_years_columns_as_the_model_says()
    {
        var pdf = RenderedReports.Renderer().RenderPdf(Model.Value);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "eduduty-years-report.pdf"), pdf); // for looking at it

        var text = RenderedReports.BodyText(pdf);
        Assert.Equal(RenderedReports.Comparable(Model.Value.ToPlainText()), RenderedReports.Comparable(text));
        Assert.Contains("三、上年度问题整改情况", text);
        Assert.Contains("四、存在问题和改进措施", text);
        Assert.Contains("上年度评价发现问题2项，已完成整改0项，正在整改1项，尚未开始1项，无法完成0项。", text);
        Assert.Contains("学前三年毛入园率97.22%99.82%+2.6个百分点", SeedReport.Squash(text));
    }

    [Fact]
    public void The_word_file_has_the_section_and_six_columns_in_the_appendix()
    {
        var docx = ReportRenderer.RenderDocx(Model.Value);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "eduduty-years-report.docx"), docx);

        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var body = document.MainDocumentPart!.Document!.Body!;
        Assert.Contains(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>(), p => p.InnerText == "三、上年度问题整改情况");
        var table = body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Table>().First();
        var header = table.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>().First();
        Assert.Equal(["指标", "上年", "本年", "较上年", "目标", "结论"], header.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText));
    }
}
