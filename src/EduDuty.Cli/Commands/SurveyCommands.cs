using System.CommandLine;
using System.Globalization;
using EduDuty.Application;
using EduDuty.Application.Surveys;
using EduDuty.Core.Surveys;
using EduDuty.Core.Text;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Commands;

/// <summary>
/// <c>survey</c> (issue 31): <c>survey open</c> opens a satisfaction survey for a year, a region and a period and prints each
/// county's public links (one per group and the problem-report form); <c>survey results</c> is <see cref="SurveyResultsCommand"/>.
/// </summary>
internal static class SurveyCommands
{
    public static Command Create(CliContext context)
    {
        var (year, region) = (CliApp.Year(), CliApp.Region());
        var from = CliApp.Option("--from", "YYYY-MM-DD", "调查开始日期（含当天）", required: true);
        var to = CliApp.Option("--to", "YYYY-MM-DD", "调查结束日期（含当天）", required: true);
        var survey = CliApp.Option("--survey", "代码[@版本]", "问卷代码，可加 @版本；不写时用该年度唯一的问卷的最新版本");
        var baseUrl = CliApp.Option("--base-url", "https://…", "门户的对外访问地址，用于打印完整链接；不写时用设置 Public:BaseUrl");
        var open = new Command("open", "为地区内各县开启满意度调查，打印每个县各类问卷和问题线索的公开链接") { year, region, from, to, survey, baseUrl };
        open.SetAction((r, _) => CliApp.WithYearAsync(r.GetRequiredValue(year), context, y =>
            OpenAsync(y, r.GetRequiredValue(region), r.GetRequiredValue(from), r.GetRequiredValue(to), r.GetValue(survey), r.GetValue(baseUrl), context)));
        return CliApp.Group("survey", "满意度调查", open, SurveyResultsCommand.Create(context));
    }

    public static async Task<int> OpenAsync(int year, string region, string fromText, string toText, string? surveyText, string? baseUrlText, CliContext context)
    {
        if (ChinaTime.ParseIsoDate(fromText) is not { } from || ChinaTime.ParseIsoDate(toText) is not { } to)
        {
            await context.Stderr.WriteLineAsync($"日期应写成 YYYY-MM-DD，如 {year}-11-01（现为 --from {fromText} --to {toText}）。");
            return CliApp.InvalidInput;
        }

        string? code = null;
        int? version = null;
        if (surveyText is { Length: > 0 })
        {
            var parts = surveyText.Split('@', 2);
            code = parts[0].Trim();
            if (parts.Length == 2)
            {
                if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
                {
                    await context.Stderr.WriteLineAsync($"--survey 应写成 代码 或 代码@版本号，如 SX-2021-SAT@1（现为 {surveyText}）。");
                    return CliApp.InvalidInput;
                }

                version = v;
            }
        }

        var baseUrl = (baseUrlText is { Length: > 0 } ? baseUrlText : context.Configuration["Public:BaseUrl"])?.Trim().TrimEnd('/');
        if (baseUrl is { Length: > 0 } && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            await context.Stderr.WriteLineAsync($"对外访问地址应为 http:// 或 https:// 开头的完整地址（现为 {baseUrl}）。");
            return CliApp.InvalidInput;
        }

        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false); // as years open: migrated, the shipped surveys stored
        await using var scope = services.CreateAsyncScope();
        var chosen = await scope.ServiceProvider.GetRequiredService<SurveyAdministration>().ChooseAsync(year, code, version, Actor.CommandLine, CancellationToken.None);
        if (!chosen.IsDone) return await CliOutcomes.WriteAsync(chosen, context, "没有开启调查");
        var opened = await scope.ServiceProvider.GetRequiredService<OpenSurveyRound>().HandleAsync(
            new OpenSurveyInput(chosen.Value!.Id, year, region, from, to), Actor.CommandLine, CancellationToken.None);
        if (!opened.IsDone) return await CliOutcomes.WriteAsync(opened, context, "没有开启调查");

        var survey = chosen.Value;
        await context.Stdout.WriteLineAsync($"{opened.Note}问卷：{survey.Title}（{survey.Code} 第 {survey.Version} 版）；调查时间 {ChinaTime.IsoDate(from)} 至 {ChinaTime.IsoDate(to)}。");
        if (baseUrl is not { Length: > 0 })
            await context.Stderr.WriteLineAsync("没有 --base-url，也没有设置 Public:BaseUrl：下面打印的是链接的路径，请加上门户的对外访问地址后再发布。");
        foreach (var county in opened.Value!.Counties)
        {
            await context.Stdout.WriteLineAsync($"{county.Name}（{county.Code}）");
            foreach (var channel in SurveyGroups.Channels.Where(county.Tokens.ContainsKey))
                await context.Stdout.WriteLineAsync($"  {channel.Name()}\t{baseUrl}{SurveyAdministration.PathOf(channel, county.Tokens[channel])}");
        }

        return CliApp.Ok;
    }
}
