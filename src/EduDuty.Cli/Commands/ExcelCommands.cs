using EduDuty.Application;
using EduDuty.Application.Excel;
using EduDuty.Application.Reports;
using EduDuty.Reporting.Excel;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Commands;

/// <summary>
/// <c>excel template|read|counties</c>: the county workbook without a database (from a figures file, and back to one), and every
/// county of a region from the configured database — the same workbooks the portal makes and reads.
/// </summary>
internal static class ExcelCommands
{
    public static async Task<int> TemplateAsync(string? figuresPath, string outPath, CliContext context)
    {
        if (!outPath.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            await context.Stderr.WriteLineAsync($"输出文件须以 .xlsx 结尾（现为 {outPath}）。");
            return CliApp.InvalidInput;
        }

        EvaluatedFile? evaluated = null;
        if (figuresPath is not null && (evaluated = await CliInput.ReadFiguresAsync(figuresPath, context.Stderr)) is null) return CliApp.InvalidInput;
        var bytes = FiguresFiles.Workbook(evaluated, context.Clock.GetUtcNow().UtcDateTime);
        await WriteAsync(outPath, bytes);
        await context.Stdout.WriteLineAsync($"已生成 {outPath}（{bytes.Length / 1024} KB）");
        return CliApp.Ok;
    }

    public static async Task<int> ReadAsync(string path, string outPath, CliContext context)
    {
        if (!File.Exists(path))
        {
            await context.Stderr.WriteLineAsync($"找不到文件：{path}。请检查路径后重试。");
            return CliApp.InvalidInput;
        }

        await using var file = File.OpenRead(path);
        var (json, errors) = FiguresFiles.ReadWorkbook(file);
        if (json is null)
        {
            await context.Stderr.WriteLineAsync($"填报表有误：{path}（共 {errors.Count} 处，请逐条修改后重试）");
            foreach (var error in errors) await context.Stderr.WriteLineAsync($"  {error}");
            return CliApp.InvalidInput;
        }

        await WriteAsync(outPath, System.Text.Encoding.UTF8.GetBytes(json));
        await context.Stdout.WriteLineAsync($"已生成 {outPath}");
        return CliApp.Ok;
    }

    public static async Task<int> CountiesAsync(int year, string region, string outPath, CliContext context)
    {
        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var export = scope.ServiceProvider.GetRequiredService<CountiesWorkbookExport>();
        var (resolved, refusal) = await export.ResolveAsync(Actor.CommandLine, year, null, region, CancellationToken.None);
        if (resolved is null)
        {
            await context.Stderr.WriteLineAsync(refusal);
            return CliApp.InvalidInput;
        }

        CliInput.EnsureFolderOf(outPath);
        await using (var file = File.Create(outPath))
        {
            await export.WriteAsync(resolved, file, CancellationToken.None);
        }

        await context.Stdout.WriteLineAsync($"已生成 {outPath}（{resolved.RegionName} {resolved.Year} 年度，{new FileInfo(outPath).Length / 1024} KB）");
        return CliApp.Ok;
    }

    private static async Task WriteAsync(string path, byte[] bytes)
    {
        CliInput.EnsureFolderOf(path);
        await File.WriteAllBytesAsync(path, bytes);
    }
}
