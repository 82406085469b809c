using BenchmarkDotNet.Attributes;
using EduDuty.Core.Reports;
using EduDuty.Reporting;
using EduDuty.Reporting.Fonts;
using Microsoft.Playwright;

namespace EduDuty.Benchmarks;

/// <summary>
/// The golden 12-area report, warm: our PDFsharp renderer against Debian's Chromium printing the same report as HTML
/// (browser launched once, one new tab per document). The sizes of both PDFs are printed in the setup output.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ReportPdfBenchmarks
{
    private ReportDocument _report = null!;
    private ReportRenderer _renderer = null!;
    private string _html = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _report = Golden.Report();
        _renderer = new ReportRenderer(FontCatalog.Discover());
        _html = ReportHtml.Of(_report);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--font-render-hinting=none"],
        });

        var ours = _renderer.RenderPdf(_report);
        var chromium = await Chromium();
        Console.WriteLine($"// PDF sizes: EduDuty {ours.Length / 1024} KB ({Pages(ours)} pages), Chromium {chromium.Length / 1024} KB ({Pages(chromium)} pages)");
    }

    [Benchmark(Baseline = true, Description = "EduDuty PDFsharp renderer")]
    public byte[] EduDutyPdf() => _renderer.RenderPdf(_report);

    [Benchmark(Description = "Chromium prints the HTML")]
    public async Task<byte[]> Chromium()
    {
        var page = await _browser.NewPageAsync();
        try
        {
            await page.SetContentAsync(_html);
            return await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static int Pages(byte[] pdf) => System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;
}
