using EduDuty.Core.Regions;
using EduDuty.Core.Text;

namespace EduDuty.Core.Administration;

public sealed record RegionRow(int Line, string Code, string Name, string? ParentCode)
{
    public RegionLevel Level => AdministrativeCode.LevelOf(Code);
}

/// <summary>
/// Reads a region list: UTF-8 CSV with the header <c>code,name,parent_code</c>. Checks what the file alone can tell (bad or
/// duplicate codes, names, a parent of the wrong level); the database checks parents and existing codes.
/// </summary>
public static class RegionCsv
{
    public const string Header = "code,name,parent_code";

    public static CsvResult<RegionRow> Read(string text)
    {
        var table = Csv.Read(text);
        if (table.Error is { } error) return new([], [error]);
        var lines = table.Records;
        if (lines.Count == 0 || !Csv.IsHeader(lines[0], Header)) return new([], [$"第 1 行：表头应为 {Header}"]);

        var rows = new List<RegionRow>();
        var errors = new List<string>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).Where(l => l.Fields.Any(f => f.Length > 0)))
        {
            var where = $"第 {line.Number} 行";
            if (line.Fields.Count != 3) { errors.Add($"{where}：应有 3 列，实际 {line.Fields.Count} 列"); continue; }
            var (code, name, parent) = (line.Fields[0].Trim(), line.Fields[1].Trim(), line.Fields[2].Trim());
            var before = errors.Count;
            if (!AdministrativeCode.IsWellFormed(code)) errors.Add($"{where}：代码 “{code}” 应为 6 位行政区划代码");
            else if (!codes.Add(code)) errors.Add($"{where}：代码 {code} 在文件中重复");
            if (name.Length is < 1 or > 50) errors.Add($"{where}：名称应为 1–50 个字符");
            else if (!PlainText.IsSingleLine(name)) errors.Add($"{where}：名称中含有换行或不可见的控制字符，请删除");
            if (AdministrativeCode.IsWellFormed(code))
            {
                var level = AdministrativeCode.LevelOf(code);
                if (level == RegionLevel.Province && parent.Length > 0) errors.Add($"{where}：省级地区 {code} 不应有上级");
                if (level != RegionLevel.Province && !AdministrativeCode.IsWellFormed(parent)) errors.Add($"{where}：上级代码 “{parent}” 应为 6 位行政区划代码");
                else if (level != RegionLevel.Province && AdministrativeCode.LevelOf(parent) != level - 1)
                    errors.Add($"{where}：{code} 的上级应为{(level == RegionLevel.City ? "省" : "市")}级代码，而 {parent} 不是");
                else if (level != RegionLevel.Province && !AdministrativeCode.Extends(code, parent))
                    errors.Add($"{where}：代码 {code} 应以上级代码 {parent} 的前 {(level == RegionLevel.City ? 2 : 4)} 位开头（行政区划代码逐级包含）");
            }

            if (errors.Count == before) rows.Add(new RegionRow(line.Number, code, name, parent.Length == 0 ? null : parent));
        }

        if (rows.Count == 0 && errors.Count == 0) errors.Add("文件中没有地区");
        return new(rows, errors);
    }
}
