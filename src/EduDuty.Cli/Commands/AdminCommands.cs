using System.Text;
using EduDuty.Application;
using EduDuty.Application.Administration;
using EduDuty.Core.Administration;
using EduDuty.Core.Text;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Commands;

/// <summary>
/// <c>regions import</c> and <c>years open</c> for provinces that set up hundreds of counties: the admin pages' use cases
/// (same rules, all or nothing, idempotent, audited), run as the command line's administrator of every region.
/// </summary>
internal static class AdminCommands
{
    public static async Task<int> RegionsImportAsync(string path, CliContext context)
    {
        var stderr = context.Stderr;
        if (await CliInput.ReadCsvAsync(path, stderr) is not { } text) return CliApp.InvalidInput;

        var read = RegionCsv.Read(text);
        if (read.Errors.Count > 0) return await FailAsync("没有导入任何地区", read.Errors, stderr);
        if (await context.RequireDatabaseAsync() is { } usage) return usage;

        await using var services = context.BuildServices();
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false);
        await using var scope = services.CreateAsyncScope();
        var imported = await scope.ServiceProvider.GetRequiredService<RegionAdministration>().ImportAsync(read.Rows, Actor.CommandLine);
        if (imported is not { IsDone: true, Value: { } plan }) return await CliOutcomes.WriteAsync(imported, context, "没有导入任何地区");
        await context.Stdout.WriteLineAsync($"已导入 {plan.New.Count} 个地区，另有 {plan.Unchanged} 个已存在且相同。");
        return CliApp.Ok;
    }

    public static async Task<int> YearsOpenAsync(string schemeCode, int year, string regionCode, string? deadline, CliContext context)
    {
        var stderr = context.Stderr;
        DateOnly? due = null;
        if (deadline is not null && (due = ChinaTime.ParseIsoDate(deadline)) is null)
        {
            await stderr.WriteLineAsync($"截止日期应写作 YYYY-MM-DD（现为 {deadline}）。");
            return CliApp.InvalidInput;
        }

        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false);
        await using var scope = services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<EvaluationYears>().TargetAsync(schemeCode, year, regionCode);
        if (found is not { IsDone: true, Value: { } target }) return await CliOutcomes.WriteAsync(found, context, "没有开启评价");

        // The year and its deadline in one transaction: a refused deadline leaves no county opened. A date given on the
        // command line is deliberate: no "looks like a slip" confirmation.
        var outcome = await scope.ServiceProvider.GetRequiredService<OpenYear>().HandleAsync(target.SchemeId, year, target.RegionPath, due, deadlineConfirmed: true, Actor.CommandLine);
        if (outcome is not { IsDone: true, Value: { } opening }) return await CliOutcomes.WriteAsync(outcome, context, due is null ? "没有开启评价" : "没有开启评价，也没有设置截止日期");
        await context.Stdout.WriteLineAsync($"{target.RegionName} {year} 年度（{schemeCode} 第{target.SchemeVersion}版）：{opening.Describe(year)}");
        foreach (var problem in opening.Carried.Problems) await context.Stdout.WriteLineAsync($"上年数据未带入：{problem}");
        if (opening.Deadline is { } date) await context.Stdout.WriteLineAsync($"截止日期：{ChinaTime.Date(date)}。");
        return CliApp.Ok;
    }

    private static async Task<int> FailAsync(string what, IReadOnlyList<string> errors, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"{what}，请先处理以下 {errors.Count} 个问题：");
        foreach (var error in errors) await stderr.WriteLineAsync($"  {error}");
        return CliApp.InvalidInput;
    }
}
