using EduDuty.Core.Reports;
using EduDuty.Core.Rules;
using EduDuty.Core.Text;
using EduDuty.Reporting;
using EduDuty.Reporting.Fonts;
using EduDuty.Reporting.Layout;

namespace EduDuty.Cli.Commands;

/// <summary><c>report &lt;figures.json&gt; [--texts &lt;texts.json&gt;] --out &lt;file.pdf&gt;</c>: the PDF without a database.</summary>
internal static class ReportCommand
{
    public static async Task<int> RunAsync(string figuresPath, string? textsPath, string outPath, TextWriter stdout, TextWriter stderr)
    {
        if (await CliInput.ReadFiguresAsync(figuresPath, stderr) is not var (scheme, figures)) return CliApp.InvalidInput;

        var texts = ReportTexts.Defaults;
        if (textsPath is not null)
        {
            if (!File.Exists(textsPath))
            {
                await stderr.WriteLineAsync($"找不到文字文件：{textsPath}。请检查路径后重试。");
                return CliApp.InvalidInput;
            }

            var read = ReportTextsReader.Read(await File.ReadAllTextAsync(textsPath), scheme);
            if (read.Texts is null)
            {
                await stderr.WriteLineAsync($"文字文件无效：{textsPath}（共 {read.Errors.Count} 处错误）");
                foreach (var error in read.Errors) await stderr.WriteLineAsync($"  {error}");
                return CliApp.InvalidInput;
            }

            texts = read.Texts;
        }

        var evaluation = RuleEngine.For(scheme).Evaluate(figures.Values);
        var today = DateOnly.FromDateTime(ChinaTime.FromUtc(DateTime.UtcNow));
        var report = ReportBuilder.Build(evaluation, texts, figures.County ?? "本", today);
        byte[] pdf;
        try
        {
            pdf = new ReportRenderer(FontCatalog.Discover(CliFonts.Configured())).RenderPdf(report);
        }
        catch (ReportFontsMissingException ex)
        {
            foreach (var problem in ex.Problems) await stderr.WriteLineAsync(problem);
            return CliApp.InvalidInput;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (directory is not null) Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(outPath, pdf);
        await stdout.WriteLineAsync($"已生成 {outPath}（{pdf.Length / 1024} KB）");
        if (report.GapCodes.Any()) await stdout.WriteLineAsync($"注意：以下数据尚未填写，报告中显示为＿＿：{string.Join("、", report.GapCodes)}");
        return CliApp.Ok;
    }
}

internal static class CliFonts
{
    /// <summary>Font files named by environment variables EDUDUTY_FONT_BODY, _HEADING, _KAI, _TITLE ("path" or "path#face").</summary>
    public static Dictionary<FontRole, string?> Configured() =>
        Enum.GetValues<FontRole>().ToDictionary(r => r, r => Environment.GetEnvironmentVariable($"EDUDUTY_FONT_{r.ToString().ToUpperInvariant()}"));
}
