using EduDuty.Core.Reports;
using EduDuty.Reporting.Fonts;
using EduDuty.Testing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace EduDuty.Reporting.Tests;

/// <summary>The golden report rendered once per test run, and helpers to read PDFs back with PdfPig.</summary>
public static class RenderedReports
{
    private static readonly Lazy<(ReportDocument Model, byte[] Pdf)> GoldenWithTexts = new(() => Render(GoldenTexts()));
    private static readonly Lazy<(ReportDocument Model, byte[] Pdf)> GoldenWithDefaults = new(() => Render(ReportTexts.Defaults));

    public static readonly DateOnly Today = new(2026, 11, 28);

    public static (ReportDocument Model, byte[] Pdf) Golden => GoldenWithTexts.Value;

    public static (ReportDocument Model, byte[] Pdf) Defaults => GoldenWithDefaults.Value;

    public static ReportRenderer Renderer()
    {
        var fonts = FontCatalog.Discover();
        Assert.True(fonts.IsComplete, string.Join(" ", fonts.Problems));
        return new ReportRenderer(fonts);
    }

    public static (ReportDocument Model, byte[] Pdf) Render(ReportTexts texts)
    {
        var model = ReportBuilder.Build(GoldenCase.Result, texts, "闻喜县", Today);
        return (model, Renderer().RenderPdf(model));
    }

    public static ReportTexts GoldenTexts() =>
        ReportTextsReader.Read(File.ReadAllText(RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021-texts.json")), GoldenCase.Scheme).Texts!;

    /// <summary>Letters per page, in drawing order.</summary>
    public static IReadOnlyList<IReadOnlyList<Letter>> Letters(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => (IReadOnlyList<Letter>)p.Letters.ToList()).ToList();
    }

    /// <summary>The text of every page without its page number (everything above the bottom of the 版心).</summary>
    public static string BodyText(byte[] pdf) =>
        string.Concat(Letters(pdf).SelectMany(page => page.Where(l => !IsInFooter(l)).Select(l => l.Value)));

    /// <summary>
    /// Text as compared between model and PDF: no whitespace, and no table header rows, which the PDF draws again on every
    /// page a table continues on while the model writes them once.
    /// </summary>
    public static string Comparable(string text) =>
        new[] { new AppendixTable("", [], [], WithLastYear: true).Headers, new AppendixTable("", [], []).Headers }
            .Aggregate(SeedReport.Squash(text), (t, headers) => t.Replace(SeedReport.Squash(string.Join(' ', headers)), string.Empty, StringComparison.Ordinal));

    /// <summary>Below the 版心's lower edge (GB/T 9704: 37 mm + 225 mm from the top), where only the page number is.</summary>
    public static bool IsInFooter(Letter letter) => letter.StartBaseLine.Y < PdfY(Gb9704.Bottom);

    /// <summary>A letter's left edge in layout points (PDF and layout share the x axis).</summary>
    public static double PdfXToLayout(Letter letter) => letter.StartBaseLine.X;

    /// <summary>PDFsharp measures from the top, PDF (and PdfPig) from the bottom.</summary>
    public static double PdfY(double fromTop) => Gb9704.PageHeight - fromTop;
}
