using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EduDuty.Web.Infrastructure.Health;

/// <summary>Missing report fonts: the portal works, but PDFs cannot be made (Degraded, with what to install).</summary>
internal sealed class FontsHealthCheck(EduDuty.Application.Reports.ReportPdf pdf) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(pdf.Fonts.IsComplete
            ? HealthCheckResult.Healthy("报告字体齐全：" + string.Join("；", pdf.Fonts.Faces.Select(f => $"{f.Key}={Path.GetFileName(f.Value.Path)}")))
            : HealthCheckResult.Degraded(string.Join(" ", pdf.Fonts.Problems)));
}
