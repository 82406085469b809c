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
    public byte[] RenderPdf(ReportDocument report) => new SelfEvaluationReportPdf(report, new Typography(Fonts), (clock ?? TimeProvider.System).GetUtcNow()).Render();

    /// <summary>The same report as a Word/WPS document; it names its fonts and needs none installed here.</summary>
    public static byte[] RenderDocx(ReportDocument report) => new Docx.SelfEvaluationReportDocx(report).Render();
}
