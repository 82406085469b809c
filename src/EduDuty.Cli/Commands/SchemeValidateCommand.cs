using EduDuty.Core.Schemes;

namespace EduDuty.Cli.Commands;

/// <summary><c>scheme validate &lt;file&gt;</c>: the same checks the portal runs when it loads a scheme.</summary>
internal static class SchemeValidateCommand
{
    public static async Task<int> RunAsync(string path, TextWriter stdout, TextWriter stderr)
    {
        if (await ReadAsync(path, stderr) is not { } scheme) return CliApp.InvalidInput;

        var info = scheme.Info;
        await stdout.WriteLineAsync($"方案 {info.Code} 第 {info.Version} 版（{info.Year}年）：{info.Title}（{info.DocumentNumber}）");
        foreach (var area in scheme.Areas)
        {
            var inputs = area.Fields.Count(f => f.Kind.IsInput());
            var thresholds = area.Fields.Count(f => f.Threshold is not null);
            var title = area.Heading;
            await stdout.WriteLineAsync(
                $"  {area.Key,-24} {title}：字段 {area.Fields.Count}（填报 {inputs}，计算 {area.Fields.Count - inputs}，有阈值 {thresholds}）");
        }

        if (scheme.Scoring is { } scoring)
            await stdout.WriteLineAsync(
                $"计分：{scheme.Fields.Count(f => f.Points is not null)} 个指标满分 {scheme.Fields.Sum(f => f.Points?.Full ?? 0):0.##} 分，加分项 {scoring.Bonus.Count} 个" +
                $"{(scoring.BonusCap is { } cap ? $"（上限 {cap:0.##} 分）" : "")}，否决项 {scoring.Vetoes.Count} 个，等次：{string.Join("、", scoring.Grades.OrderByDescending(g => g.Min).Select(g => $"{g.Name}≥{g.Min:0.##}"))}。");
        await stdout.WriteLineAsync(
            $"有效：{scheme.EvaluationAreas.Count()} 个评价领域，共 {scheme.Fields.Count} 个字段，其中 {scheme.Fields.Count(f => f.Threshold is not null)} 个有阈值。");
        return CliApp.Ok;
    }

    /// <summary>A scheme file loaded with the portal's checks; null after naming every problem on stderr.</summary>
    public static async Task<Scheme?> ReadAsync(string path, TextWriter stderr)
    {
        if (!File.Exists(path))
        {
            await stderr.WriteLineAsync($"找不到文件：{path}。请检查路径后重试。");
            return null;
        }

        SchemeLoadResult result;
        await using (var stream = File.OpenRead(path))
        {
            result = SchemeLoader.TryLoad(stream);
        }

        if (result.Scheme is { } scheme) return scheme;
        await stderr.WriteLineAsync($"方案文件无效：{path}（共 {result.Errors.Count} 处错误，请逐条修改后重新检查）");
        foreach (var error in result.Errors) await stderr.WriteLineAsync($"  {error}");
        return null;
    }
}
