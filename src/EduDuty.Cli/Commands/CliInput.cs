using EduDuty.Application.Reports;
using EduDuty.Core.Figures;

namespace EduDuty.Cli.Commands;

internal static class CliInput
{
    /// <summary>Reads and evaluates a figures file; writes every problem to stderr and returns null.</summary>
    public static async Task<EvaluatedFile?> ReadFiguresAsync(string path, TextWriter stderr, Core.Schemes.Scheme? scheme = null)
    {
        if (!File.Exists(path))
        {
            await stderr.WriteLineAsync($"找不到文件：{path}。请检查路径后重试。");
            return null;
        }

        if (new FileInfo(path).Length > FiguresFileReader.MaxBytes)
        {
            await stderr.WriteLineAsync($"文件过大（上限 {FiguresFileReader.MaxBytes / 1024} KB）：{path}");
            return null;
        }

        var (evaluated, errors) = FiguresFiles.Evaluate(await File.ReadAllTextAsync(path), scheme);
        if (evaluated is not null) return evaluated;

        await stderr.WriteLineAsync($"数据文件无效：{path}（共 {errors.Count} 处错误，请逐条修改后重试）");
        foreach (var error in errors) await stderr.WriteLineAsync($"  {error}");
        return null;
    }

    /// <summary>A CSV file's text; null after saying what is wrong (missing, not UTF-8) on stderr.</summary>
    public static async Task<string?> ReadCsvAsync(string path, TextWriter stderr)
    {
        if (!File.Exists(path))
        {
            await stderr.WriteLineAsync($"找不到文件：{path}。请检查路径后重试。");
            return null;
        }

        try
        {
            return await File.ReadAllTextAsync(path, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (System.Text.DecoderFallbackException)
        {
            await stderr.WriteLineAsync("文件不是 UTF-8 编码，请另存为“CSV UTF-8”后重试。");
            return null;
        }
    }

    /// <summary>Makes the folder an output file goes into.</summary>
    public static void EnsureFolderOf(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
    }
}
