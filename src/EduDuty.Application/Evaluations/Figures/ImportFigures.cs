using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Evaluations.Figures;

/// <summary>One figure an import would change: what is stored now, what the file says, and the version seen.</summary>
public sealed record ImportLine(SchemeField Field, string Current, string New, FieldValue? NewValue, int Version);

public sealed record ImportPlan(IReadOnlyList<ImportLine> Changes, int Unchanged, IReadOnlyList<FigureError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public static ImportPlan Refused(string location, string message) => new([], 0, [new FigureError(location, message)]);
}

/// <summary>
/// Import of a figures file: the plan is made from the file and the stored figures (and refused whole when anything in
/// the file is wrong); applying writes the planned changes through the guarded path only if nothing moved since the preview.
/// </summary>
public sealed class ImportFigures(FigureWriter writer)
{
    public const string Source = "导入";

    public static ImportPlan Plan(Workspace workspace, string json)
    {
        if (!workspace.CanEdit) return ImportPlan.Refused("评价", workspace.Edit.Reason!);
        var read = FiguresFileReader.Read(json, workspace.Scheme);
        var errors = read.Errors.ToList();
        if (read.File is { } file)
        {
            if (file.County is { } county && county != workspace.County)
                errors.Add(new FigureError("county", $"文件是 {county} 的数据，而本评价属于 {workspace.County}：请选择本县的数据文件"));
            if (file.Year is { } year && year != workspace.Year)
                errors.Add(new FigureError("year", $"文件是 {year} 年度的数据，而本评价是 {workspace.Year} 年度"));
        }

        if (errors.Count > 0 || read.File is null) return new ImportPlan([], 0, errors);

        var changes = new List<ImportLine>();
        var unchanged = 0;
        foreach (var entry in read.File.Entries)
        {
            var row = workspace.FigureRows.GetValueOrDefault(entry.Field.Code);
            var current = row?.ToValue();
            var wanted = entry.ToValue();
            if (current?.ToInvariantString() == wanted?.ToInvariantString())
            {
                unchanged++;
                continue;
            }

            changes.Add(new ImportLine(entry.Field, Show(current), Show(wanted), wanted, row?.Version ?? 0));
        }

        return new ImportPlan(changes, unchanged, []);
    }

    /// <summary>Writes the plan. <paramref name="previewed"/> holds the versions the user saw in the preview.</summary>
    public Task<WriteOutcome> ApplyAsync(Workspace workspace, ImportPlan plan, IReadOnlyDictionary<string, int> previewed, Actor actor, CancellationToken cancellationToken)
    {
        var changes = plan.Changes
            .Select(c => new FigureChange(c.Field.Code, c.NewValue, previewed.TryGetValue(c.Field.Code, out var v) ? v : -1))
            .ToList();
        return writer.WriteAsync(workspace, actor, changes, null, Source, cancellationToken);
    }

    private static string Show(FieldValue? value) => value is { } v ? DisplayFormat.Compact(v, FigureText.MaxDecimals) : "（空）";
}

/// <summary>The county's figures in the exchange format (docs/figures-format.md), as a file to download.</summary>
public static class ExportFigures
{
    public static (byte[] Content, string FileName) Handle(Workspace workspace)
    {
        var json = FiguresFile.Write(workspace.Scheme, workspace.County, workspace.Year, workspace.Values);
        return (System.Text.Encoding.UTF8.GetBytes(json), $"{workspace.County}-{workspace.Year}-填报数据.json");
    }
}
