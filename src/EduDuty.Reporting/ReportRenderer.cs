using EduDuty.Core.Reports;
using EduDuty.Reporting.Fonts;
using EduDuty.Reporting.Layout;
using EduDuty.Reporting.Pdf;

namespace EduDuty.Reporting;

/// <summary>
/// Renders report models to PDF with one font configuration. Thread-safe: each render has its own typography. The clock
/// dates the PDF's metadata (the system clock unless given).
/// </summary>
public sealed class ReportRenderer(FontCatalog fonts, TimeProvider? clock = null)
{
    public FontCatalog Fonts { get; } = fonts;

    /// <exception cref="ReportFontsMissingException">a font role has no usable file; the message says what to install.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="progress"/>'s token was cancelled: the rendering stopped between two pages or paragraphs.</exception>
    public byte[] RenderPdf(ReportDocument report, RenderProgress? progress = null) =>
        new SelfEvaluationReportPdf(report, new Typography(Fonts), (clock ?? TimeProvider.System).GetUtcNow(), progress ?? RenderProgress.None).Render();

    /// <summary>The same report as a Word/WPS document; it names its fonts and needs none installed here.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="progress"/>'s token was cancelled: the rendering stopped between two paragraphs.</exception>
    public static byte[] RenderDocx(ReportDocument report, RenderProgress? progress = null) => new Docx.SelfEvaluationReportDocx(report, progress ?? RenderProgress.None).Render();
}
