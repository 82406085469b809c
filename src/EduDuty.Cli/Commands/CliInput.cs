using EduDuty.Core.Figures;
using EduDuty.Core.Schemes;

namespace EduDuty.Cli.Commands;

internal static class CliInput
{
    /// <summary>Reads a figures file against the shipped scheme it names; writes every problem to stderr and returns null.</summary>
    public static async Task<(Scheme Scheme, FiguresFile File)?> ReadFiguresAsync(string path, TextWriter stderr)
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

        var json = await File.ReadAllTextAsync(path);
        var schemeCode = SchemeCodeOf(json);
        var scheme = BuiltInSchemes.Schemes.FirstOrDefault(s => s.Code == schemeCode) ?? BuiltInSchemes.Schemes[^1];
        var read = FiguresFileReader.Read(json, scheme);
        if (read.File is { } file) return (scheme, file);

        await stderr.WriteLineAsync($"数据文件无效：{path}（共 {read.Errors.Count} 处错误，请逐条修改后重试）");
        foreach (var error in read.Errors) await stderr.WriteLineAsync($"  {error}");
        return null;
    }

    // The scheme named in the file, if the file is JSON at all; the reader reports everything else.
    private static string? SchemeCodeOf(string json)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                   && doc.RootElement.TryGetProperty("scheme", out var s) && s.ValueKind == System.Text.Json.JsonValueKind.String
                ? s.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
