using System.Globalization;
using EduDuty.Application;
using EduDuty.Application.Security.Tokens;
using EduDuty.Core.Text;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Commands;

/// <summary>
/// <c>tokens create</c>, <c>tokens list</c>, <c>tokens revoke</c> (issue 29): the token use cases of the portal's pages, run as
/// the command line's administrator of every region. <c>create</c> prints the token once, on its own line, so that a script
/// can take it; the database keeps only its hash.
/// </summary>
internal static class TokenCommands
{
    public static async Task<int> CreateAsync(string user, string scope, string expires, string? name, CliContext context)
    {
        if (!int.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var days))
        {
            await context.Stderr.WriteLineAsync($"--expires 应为有效期的天数（1–{CreateApiToken.MaxDays}），现为“{expires}”。");
            return CliApp.InvalidInput;
        }

        var (scopes, error) = Core.Security.ApiScopes.Parse(scope);
        if (error is not null)
        {
            await context.Stderr.WriteLineAsync($"没有创建令牌：{error.Text}");
            return CliApp.InvalidInput;
        }

        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false);
        await using var serviceScope = services.CreateAsyncScope();
        var outcome = await serviceScope.ServiceProvider.GetRequiredService<CreateApiToken>()
            .ForUserNameAsync(user, new ApiTokenRequest(name ?? "命令行创建", scopes, days), Actor.CommandLine);
        if (outcome is not { IsDone: true, Value: { } created }) return await CliOutcomes.WriteAsync(outcome, context, "没有创建令牌");
        await context.Stderr.WriteLineAsync(
            $"已为 {created.Token.OwnerUserName} 创建{created.Token.KindText}“{created.Token.Name}”（编号 {created.Token.Id}，{string.Join(" ", created.Token.Scopes)}，有效至 {ChinaTime.DayOf(created.Token.ExpiresAtUtc)}）。令牌只显示这一次：");
        await context.Stdout.WriteLineAsync(created.Secret);
        return CliApp.Ok;
    }

    public static async Task<int> ListAsync(CliContext context)
    {
        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false);
        await using var scope = services.CreateAsyncScope();
        var tokens = await scope.ServiceProvider.GetRequiredService<ApiTokenQueries>().ManagedAsync(Actor.CommandLine, allKinds: true);
        if (tokens.Count == 0)
        {
            await context.Stdout.WriteLineAsync("还没有访问令牌。");
            return CliApp.Ok;
        }

        await context.Stdout.WriteLineAsync("编号\t用户\t名称\t类型\t开头\t权限范围\t有效至\t最近使用\t状态");
        foreach (var t in tokens)
        {
            await context.Stdout.WriteLineAsync(string.Join('\t', t.Id.ToString(CultureInfo.InvariantCulture), t.OwnerUserName, t.Name, t.KindText, t.Prefix,
                string.Join(",", t.Scopes), ChinaTime.DayOf(t.ExpiresAtUtc), t.LastUsedAtUtc is { } used ? ChinaTime.DateTimeOf(used) : "从未使用", t.StateText));
        }

        return CliApp.Ok;
    }

    public static async Task<int> RevokeAsync(string id, CliContext context)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var tokenId))
        {
            await context.Stderr.WriteLineAsync($"令牌编号应为 tokens list 中的数字，现为“{id}”。");
            return CliApp.InvalidInput;
        }

        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false);
        await using var scope = services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<RevokeApiToken>().HandleAsync(tokenId, Actor.CommandLine);
        return await CliOutcomes.WriteAsync(outcome, context, "没有撤销令牌");
    }
}
