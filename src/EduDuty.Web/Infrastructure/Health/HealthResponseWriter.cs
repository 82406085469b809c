using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EduDuty.Web.Infrastructure.Health;

/// <summary>
/// /healthz body. Anyone (a load balancer, a monitor) gets the overall status only; a signed-in admin also gets one entry per
/// check with its description (which fonts, what is missing). Exception texts stay in the log: they can name hosts and databases.
/// </summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        object body = context.User.IsInRole(Core.Security.Roles.Admin)
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(
                    e => e.Key,
                    e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? Describe(e.Value.Status) }),
            }
            : new { status = report.Status.ToString() };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static string Describe(HealthStatus status) => status == HealthStatus.Healthy ? "正常" : "异常";
}
