using EduDuty.Core.Reports;
using EduDuty.Reporting;
using EduDuty.Reporting.Fonts;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Renders report PDFs for the portal: fonts found once from configuration (Report:Fonts:Body|Heading|Kai|Title) and the
/// system, and at most one rendering per CPU core at a time, so that a burst of downloads cannot starve the pages.
/// </summary>
public sealed class ReportPdfService : IDisposable
{
    private readonly SemaphoreSlim _limiter = new(Environment.ProcessorCount, Environment.ProcessorCount);
    private readonly ReportRenderer _renderer;

    public ReportPdfService(IConfiguration configuration)
    {
        var configured = Enum.GetValues<FontRole>().ToDictionary(r => r, r => configuration[$"Report:Fonts:{r}"]);
        Fonts = FontCatalog.Discover(configured);
        _renderer = new ReportRenderer(Fonts);
    }

    public FontCatalog Fonts { get; }

    public async Task<byte[]> RenderAsync(ReportDocument report, CancellationToken cancellationToken)
    {
        await _limiter.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => _renderer.RenderPdf(report), cancellationToken);
        }
        finally
        {
            _limiter.Release();
        }
    }

    public void Dispose() => _limiter.Dispose();
}
