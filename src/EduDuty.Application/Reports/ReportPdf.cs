using EduDuty.Core.Reports;
using EduDuty.Reporting;
using EduDuty.Reporting.Fonts;
using Microsoft.Extensions.Configuration;

namespace EduDuty.Application.Reports;

/// <summary>
/// Renders report PDFs for the portal and the command line alike: fonts found once from configuration
/// (<c>Report:Fonts:Body|Heading|Kai|Title</c>, e.g. environment <c>Report__Fonts__Body</c>) and the system, and at most one
/// rendering per CPU core at a time, so that a burst of downloads cannot starve the pages. Register as a singleton.
/// </summary>
public sealed class ReportPdf : IDisposable
{
    private readonly SemaphoreSlim _limiter = new(Environment.ProcessorCount, Environment.ProcessorCount);
    private readonly ReportRenderer _renderer;

    public ReportPdf(IConfiguration configuration, TimeProvider clock)
    {
        Fonts = FontCatalog.Discover(ConfiguredFonts(configuration));
        _renderer = new ReportRenderer(Fonts, clock);
    }

    public FontCatalog Fonts { get; }

    /// <summary>Font files named by configuration, role by role ("path" or "path#face").</summary>
    public static IReadOnlyDictionary<FontRole, string?> ConfiguredFonts(IConfiguration configuration) =>
        Enum.GetValues<FontRole>().ToDictionary(r => r, r => configuration[$"Report:Fonts:{r}"]);

    /// <exception cref="Reporting.Layout.ReportFontsMissingException">a font role has no usable file; its message says what to install.</exception>
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
