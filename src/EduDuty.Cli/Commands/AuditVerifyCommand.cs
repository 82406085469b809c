using System.Globalization;
using EduDuty.Application.Audit;
using EduDuty.Core.Messaging;
using EduDuty.Data.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Commands;

/// <summary>
/// <c>audit verify</c>: checks every audit hash chain and the anchors of the configured database; exit 1 at a break.
/// <c>audit anchor</c>: anchors the chain heads that moved since the last anchor now (the portal does it hourly).
/// </summary>
internal static class AuditVerifyCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> expected, CliContext context)
    {
        var expect = new Dictionary<long, string>();
        foreach (var text in expected)
        {
            var parts = text.Trim().Split(':');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index < 1
                || parts[1].Length != 64 || !parts[1].All(Uri.IsHexDigit) || (expect.TryGetValue(index, out var other) && other != parts[1].ToLowerInvariant()))
            {
                await context.Stderr.WriteLineAsync(Messages.AnchorExpectInvalid(text));
                return CliApp.Usage;
            }

            expect[index] = parts[1].ToLowerInvariant();
        }

        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var reports = await scope.ServiceProvider.GetRequiredService<AuditVerification>().VerifyAsync(expect);
        foreach (var report in reports)
        {
            var name = report.Chain switch
            {
                AuditVerification.EvaluationChains => "修改记录",
                AuditChain.Evaluations => "修改记录（改为每份评估一条链之前的全省链，已封存）",
                AuditChain.Anchors => "锚定记录",
                _ => "管理记录",
            };
            await (report.Intact ? context.Stdout : context.Stderr).WriteLineAsync(report.Intact
                ? $"{name}：完整，{report.Verified} 条记录的哈希链全部吻合{(report.Unchained > 0 ? $"（另有 {report.Unchained} 条早于哈希链的记录）" : string.Empty)}"
                : $"{name}：第一处断裂：{report.FirstBroken}（此前 {report.Verified} 条吻合）");
            foreach (var warning in report.Warnings) await context.Stderr.WriteLineAsync($"注意：{warning}");
        }

        return reports.All(r => r.Intact) ? CliApp.Ok : CliApp.InvalidInput;
    }

    public static async Task<int> AnchorAsync(CliContext context)
    {
        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<AuditAnchoring>().AnchorAsync();
        if (!outcome.IsDone)
        {
            await context.Stderr.WriteLineAsync($"锚定没有完成：{outcome.Reason?.Text}");
            return CliApp.InvalidInput;
        }

        var anchor = outcome.Value!;
        await context.Stdout.WriteLineAsync(anchor.Index is null
            ? "自上次锚定以来没有新的记录，无需锚定。"
            : $"已完成第 {anchor.Index} 次锚定：{anchor.Heads} 条链的链头，默克尔根 {anchor.Root}{(anchor.Signed ? "，已用签名证书签名" : "，未签名（未配置签名证书）")}。" +
              $"请把下一行保存在数据库之外（邮件、日志服务器、纸面），日后用 audit verify --expect {anchor.Witness} 核对：");
        if (anchor.Witness is { } witness) await context.Stdout.WriteLineAsync(witness);
        return CliApp.Ok;
    }
}
