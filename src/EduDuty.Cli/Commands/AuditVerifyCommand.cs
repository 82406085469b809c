using EduDuty.Application.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Commands;

/// <summary><c>audit verify</c>: checks both audit hash chains of the configured database; exit 1 at the first broken link.</summary>
internal static class AuditVerifyCommand
{
    public static async Task<int> RunAsync(CliContext context)
    {
        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var reports = await scope.ServiceProvider.GetRequiredService<AuditVerification>().VerifyAsync();
        foreach (var report in reports)
        {
            var name = report.Chain == Data.Entities.AuditChain.Evaluations ? "修改记录" : "管理记录";
            await (report.Intact ? context.Stdout : context.Stderr).WriteLineAsync(report.Intact
                ? $"{name}：完整，{report.Verified} 条记录的哈希链全部吻合{(report.Unchained > 0 ? $"（另有 {report.Unchained} 条早于哈希链的记录）" : string.Empty)}"
                : $"{name}：第一处断裂：{report.FirstBroken}（此前 {report.Verified} 条吻合）");
        }

        return reports.All(r => r.Intact) ? CliApp.Ok : CliApp.InvalidInput;
    }
}
