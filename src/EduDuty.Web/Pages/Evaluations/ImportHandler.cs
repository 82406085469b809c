using EduDuty.Data.Entities;
using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Web.Infrastructure;
using EduDuty.Web.Pages.Evaluations.Workspace;

namespace EduDuty.Web.Pages.Evaluations;

/// <summary>One figure an import would change: what is stored now, what the file says, and the version seen.</summary>
public sealed record ImportLine(SchemeField Field, string Current, string New, FieldValue? NewValue, int Version);

public sealed record ImportPlan(IReadOnlyList<ImportLine> Changes, int Unchanged, IReadOnlyList<FigureError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Import of a figures file: the plan is made from the file and the stored figures (and refused whole when anything in
/// the file is wrong); applying writes the planned changes only if nothing moved since the preview.
/// </summary>
public sealed class ImportHandler(FigureWriter writer, CurrentUser user)
{
    public static ImportPlan Plan(Workspace.Workspace workspace, string json)
    {
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

            changes.Add(new ImportLine(entry.Field, Show(entry.Field, current), Show(entry.Field, wanted), wanted, row?.Version ?? 0));
        }

        return new ImportPlan(changes, unchanged, []);
    }

    /// <summary>Writes the plan. <paramref name="previewed"/> holds the versions the user saw in the preview.</summary>
    public Task<WriteOutcome> ApplyAsync(Workspace.Workspace workspace, ImportPlan plan, IReadOnlyDictionary<string, int> previewed, CancellationToken cancellationToken)
    {
        var changes = plan.Changes
            .Select(c => new FigureChange(c.Field.Code, c.NewValue, previewed.TryGetValue(c.Field.Code, out var v) ? v : -1))
            .ToList();
        return writer.WriteAsync(workspace.Id, changes, null, user.Id, user.DisplayName, "导入", cancellationToken);
    }

    private static string Show(SchemeField field, FieldValue? value) =>
        value is { } v ? DisplayFormat.Compact(v, Core.Figures.FigureText.MaxDecimals) : "（空）";
}
