using EduDuty.Core.Reports;
using EduDuty.Reporting;
using EduDuty.Reporting.Fonts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace EduDuty.Application.Reports;

/// <summary>
/// Renders reports — PDF and Word — for the portal and the command line alike: fonts found once from configuration
/// (<c>Report:Fonts:Body|Heading|Kai|Title</c>, e.g. environment <c>Report__Fonts__Body</c>) and the system, and every
/// rendering through the <see cref="RenderGate"/>: a few at a time, each within its time budget, stopped when the client
/// leaves. Register as a singleton.
/// </summary>
public sealed class ReportPdf : IDisposable
{
    /// <summary>What the gate's messages call a report.</summary>
    public const string What = "报告";

    private readonly ReportRenderer _renderer;
    private readonly RenderGate _gate;
    private readonly bool _ownsGate;

    /// <param name="gate">The portal's one gate; null (the command line's own use): a gate of its own from the same configuration.</param>
    public ReportPdf(IConfiguration configuration, TimeProvider clock, RenderGate? gate = null)
    {
        Fonts = FontCatalog.Discover(ConfiguredFonts(configuration));
        _renderer = new ReportRenderer(Fonts, clock);
        _ownsGate = gate is null;
        _gate = gate ?? new RenderGate(configuration, clock, NullLogger<RenderGate>.Instance);
    }

    public FontCatalog Fonts { get; }

    /// <summary>Font files named by configuration, role by role ("path" or "path#face").</summary>
    public static IReadOnlyDictionary<FontRole, string?> ConfiguredFonts(IConfiguration configuration) =>
        Enum.GetValues<FontRole>().ToDictionary(r => r, r => configuration[$"Report:Fonts:{r}"]);

    /// <summary>The report as PDF; refused (503) when every slot stays busy or the budget is spent.</summary>
    /// <param name="observer">Hears each page as it starts (tests).</param>
    /// <param name="patient">Wait for a slot as long as the client waits (a rendering inside a ZIP whose download has begun).</param>
    /// <exception cref="Reporting.Layout.ReportFontsMissingException">a font role has no usable file; its message says what to install.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="aborted"/> was cancelled: the client left.</exception>
    public Task<Outcome<byte[]>> RenderAsync(ReportDocument report, CancellationToken aborted, Action<int>? observer = null, bool patient = false) =>
        _gate.RunAsync(What, (progress, token) => Task.Run(() => _renderer.RenderPdf(report, progress), token), aborted, observer, patient);

    /// <summary>The report as a Word/WPS document, through the same gate.</summary>
    /// <param name="observer">Hears each paragraph and table row as it is made (tests).</param>
    /// <exception cref="OperationCanceledException"><paramref name="aborted"/> was cancelled: the client left.</exception>
    public Task<Outcome<byte[]>> RenderDocxAsync(ReportDocument report, CancellationToken aborted, Action<int>? observer = null) =>
        _gate.RunAsync(What, progress => ReportRenderer.RenderDocx(report, progress), aborted, observer);

    public void Dispose()
    {
        if (_ownsGate) _gate.Dispose();
    }
}
