using EduDuty.Application;
using EduDuty.Application.Excel;
using EduDuty.Application.Oversight.Rollup;
using EduDuty.Application.Reports;
using EduDuty.Reporting;
using EduDuty.Reporting.Layout;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Commands;

/// <summary>
/// <c>rollup</c>: a region's 综合报告 as PDF or Word; <c>reports</c>: every county's report of a region as one ZIP — the portal's
/// own use cases, run as the command line (every region) against the configured database.
/// </summary>
internal static class OversightCommands
{
    public static async Task<int> RollupAsync(int year, string region, string outPath, CliContext context)
    {
        var extension = Path.GetExtension(outPath).ToLowerInvariant();
        if (extension is not (".pdf" or ".docx"))
        {
            await context.Stderr.WriteLineAsync($"输出文件应以 .pdf 或 .docx 结尾（现为 {outPath}）。");
            return CliApp.InvalidInput;
        }

        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<RollupReports>().LoadAsync(Actor.CommandLine, year, null, region, CancellationToken.None);
        if (view.Document is not { } document)
        {
            await context.Stderr.WriteLineAsync(view.Refusal ?? "没有可生成综合报告的评价。");
            return CliApp.InvalidInput;
        }

        byte[] bytes;
        try
        {
            var renderer = scope.ServiceProvider.GetRequiredService<ReportPdf>();
            var rendered = extension == ".pdf"
                ? await renderer.RenderAsync(document, CancellationToken.None)
                : await renderer.RenderDocxAsync(document, CancellationToken.None);
            if (!rendered.IsDone) return await CliOutcomes.WriteAsync(rendered, context.Stdout, context.Stderr, "没有生成综合报告");
            bytes = rendered.Value!;
        }
        catch (ReportFontsMissingException missing)
        {
            await context.Stderr.WriteLineAsync(missing.Message);
            return CliApp.InvalidInput;
        }

        CliInput.EnsureFolderOf(outPath);
        await File.WriteAllBytesAsync(outPath, bytes);
        await context.Stdout.WriteLineAsync($"已生成 {outPath}（{view.Selection!.RegionName} {view.Selection.Year} 年度综合报告）");
        return CliApp.Ok;
    }

    public static async Task<int> ReportsZipAsync(int year, string region, string outPath, CliContext context)
    {
        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var (resolved, refusal) = await scope.ServiceProvider.GetRequiredService<CountiesWorkbookExport>().ResolveAsync(Actor.CommandLine, year, null, region, CancellationToken.None);
        if (resolved is null)
        {
            await context.Stderr.WriteLineAsync(refusal);
            return CliApp.InvalidInput;
        }

        var pdf = scope.ServiceProvider.GetRequiredService<ReportPdf>();
        if (pdf.Fonts.Problems.Count > 0)
        {
            foreach (var problem in pdf.Fonts.Problems) await context.Stderr.WriteLineAsync(problem);
            return CliApp.InvalidInput;
        }

        CliInput.EnsureFolderOf(outPath);
        await using (var file = File.Create(outPath))
        {
            var written = await scope.ServiceProvider.GetRequiredService<CountyReportsZip>().WriteAsync(Actor.CommandLine, resolved, file, CancellationToken.None);
            if (!written.IsDone) return await CliOutcomes.WriteAsync(written, context.Stdout, context.Stderr, "没有生成压缩包");
        }

        await context.Stdout.WriteLineAsync($"已生成 {outPath}（{resolved.RegionName} {resolved.Year} 年度各县自评报告，{new FileInfo(outPath).Length / 1024} KB）");
        return CliApp.Ok;
    }
}
