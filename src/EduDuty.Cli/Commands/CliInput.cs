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

    /// <summary>A CSV file's text (UTF-8, or UTF-16 with its byte-order mark); null after saying what is wrong (missing, another encoding) on stderr.</summary>
    public static async Task<string?> ReadCsvAsync(string path, TextWriter stderr)
    {
        if (!File.Exists(path))
        {
            await stderr.WriteLineAsync($"找不到文件：{path}。请检查路径后重试。");
            return null;
        }

        var (text, problem) = Core.Text.TextFile.Decode(await File.ReadAllBytesAsync(path));
        if (problem is not null) await stderr.WriteLineAsync(problem.Text);
        return text;
    }

    /// <summary>Makes the folder an output file goes into.</summary>
    public static void EnsureFolderOf(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
    }
}
