using EduDuty.Application.Reports;
using EduDuty.Core.Text;
using EduDuty.Reporting.Layout;

namespace EduDuty.Cli.Commands;

/// <summary>
/// <c>report &lt;figures.json&gt; [--texts &lt;texts.json&gt;] --out &lt;file.pdf|file.docx&gt;</c>: the report without a database,
/// as PDF or as a Word/WPS document by the output's extension.
/// </summary>
internal static class ReportCommand
{
    public static async Task<int> RunAsync(string figuresPath, string? textsPath, string outPath, CliContext context)
    {
        var (stdout, stderr) = (context.Stdout, context.Stderr);
        var extension = Path.GetExtension(outPath).ToLowerInvariant();
        if (extension is not (".pdf" or ".docx"))
        {
            await stderr.WriteLineAsync($"输出文件须以 .pdf 或 .docx 结尾（现为 {outPath}）：.pdf 生成 PDF，.docx 生成 Word 文档。");
            return CliApp.InvalidInput;
        }

        if (await CliInput.ReadFiguresAsync(figuresPath, stderr) is not { } evaluated) return CliApp.InvalidInput;

        string? texts = null;
        if (textsPath is not null)
        {
            if (!File.Exists(textsPath))
            {
                await stderr.WriteLineAsync($"找不到文字文件：{textsPath}。请检查路径后重试。");
                return CliApp.InvalidInput;
            }

            texts = await File.ReadAllTextAsync(textsPath);
        }

        var (report, errors) = FiguresFiles.Report(evaluated, texts, ChinaTime.Today(context.Clock));
        if (report is null)
        {
            await stderr.WriteLineAsync($"文字文件无效：{textsPath}（共 {errors.Count} 处错误）");
            foreach (var error in errors) await stderr.WriteLineAsync($"  {error}");
            return CliApp.InvalidInput;
        }

        byte[] bytes;
        try
        {
            using var renderer = new ReportPdf(context.Configuration, context.Clock);
            var rendered = extension == ".docx"
                ? await renderer.RenderDocxAsync(report, CancellationToken.None)
                : await renderer.RenderAsync(report, CancellationToken.None);
            if (!rendered.IsDone) return await CliOutcomes.WriteAsync(rendered, stdout, stderr, "没有生成报告");
            bytes = rendered.Value!;
        }
        catch (ReportFontsMissingException ex)
        {
            foreach (var problem in ex.Problems) await stderr.WriteLineAsync(problem);
            return CliApp.InvalidInput;
        }

        CliInput.EnsureFolderOf(outPath);
        await File.WriteAllBytesAsync(outPath, bytes);
        await stdout.WriteLineAsync($"已生成 {outPath}（{bytes.Length / 1024} KB）");
        if (report.GapCodes.Any()) await stdout.WriteLineAsync($"注意：以下数据尚未填写，依据它们的语句暂不写入报告，填写后重新生成即可补上：{string.Join("、", report.GapCodes)}");
        return CliApp.Ok;
    }
}
