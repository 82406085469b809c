using EduDuty.Core.Figures;
using EduDuty.Core.Messaging;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Data.Entities;
using EduDuty.Reporting.Excel;

namespace EduDuty.Application.Evaluations.Figures;

/// <summary>
/// One figure an import would change: what is stored now, what the file says, and the version seen. <see cref="MovedSinceDownload"/>
/// marks a cell edited in a workbook whose stored value someone changed after the workbook was downloaded.
/// </summary>
public sealed record ImportLine(SchemeField Field, string Current, string New, FieldValue? NewValue, int Version, bool MovedSinceDownload = false);

/// <summary>A judgment the import would change: 达标 → 未达标, or a value that becomes computable.</summary>
public sealed record JudgmentChange(FieldResult Before, FieldResult After)
{
    public SchemeField Field => Before.Field;
}

/// <param name="Carried">The changes as a figures file (docs/figures-format.md): what the confirm step posts back and plans again.</param>
public sealed record ImportPlan(IReadOnlyList<ImportLine> Changes, int Unchanged)
{
    public IReadOnlyList<JudgmentChange> Judgments { get; init; } = [];

    /// <summary>
    /// The data warnings (数据提示) the imported figures bring up: soft plausibility rules and consistency checks reading a
    /// changed figure. Shown in the preview; importing is not refused for them (hard rules refuse the plan instead).
    /// </summary>
    public IReadOnlyList<DataWarning> Warnings { get; init; } = [];

    public string? Carried { get; init; }
}

/// <summary>Where an import came from, as the audit trail records it.</summary>
public enum ImportFormat { Json, Excel }

/// <summary>
/// Import of a figures file or a county workbook: the plan is made from the file and the stored figures, with the judgments
/// it would change (invalid as a whole when anything in the file is wrong, each problem naming its place: a JSON path, a
/// sheet and cell); applying writes the planned changes through the guarded path only if nothing moved since the preview
/// (else a conflict naming each value that moved).
/// </summary>
public sealed class ImportFigures(FigureWriter writer)
{
    public static AuditSource SourceOf(ImportFormat format) => format == ImportFormat.Excel ? AuditSource.Excel : AuditSource.Import;

    public static Outcome<ImportPlan> Plan(Workspace workspace, string json)
    {
        if (!workspace.CanEdit) return Outcome.Refused(workspace.Edit.Refusal!);
        var read = FiguresFileReader.Read(json, workspace.Scheme);
        var errors = read.Errors.ToList();
        if (read.File is { } file)
        {
            if (file.County is { } county && county != workspace.County)
                errors.Add(new FigureError("county", $"文件是 {county} 的数据，而本评价属于 {workspace.County}：请选择本县的数据文件"));
            if (file.Year is { } year && year != workspace.Year)
                errors.Add(new FigureError("year", $"文件是 {year} 年度的数据，而本评价是 {workspace.Year} 年度"));
        }

        if (errors.Count > 0 || read.File is null) return Invalid(errors);
        return Compare(workspace, read.File.Entries.Select(e => (e, (int?)null, e.Field.Code)), 0);
    }

    /// <summary>
    /// A county workbook (<see cref="CountyWorkbook"/>): only the cells edited in it count, so that two offices filling their parts
    /// of one downloaded workbook do not undo each other's work; the cover must name this county, year and scheme version.
    /// </summary>
    public static Outcome<ImportPlan> PlanWorkbook(Workspace workspace, Stream content) => PlanWorkbook(workspace, content, null);

    /// <summary>
    /// A workbook imported by a department (issue 30, decision 0054): only the cells of <paramref name="part"/>'s fields are
    /// taken. A cell of any other field that was edited in the file is refused, named by its sheet and cell, and nothing is
    /// imported; other fields' rows left as downloaded (a county's whole workbook) are passed over. A workbook made for
    /// another department is refused at its cover. The write then decides each field again (<see cref="FigureWriter"/>).
    /// </summary>
    public static Outcome<ImportPlan> PlanWorkbook(Workspace workspace, Stream content, DepartmentPart? part)
    {
        if (!workspace.FigureEdit.Allowed) return Outcome.Refused(workspace.FigureEdit.Refusal!);
        var read = CountyWorkbookReader.Read(content, cover => Expected(workspace, cover, part));
        if (!read.IsValid) return Invalid(read.Errors);
        var edited = read.Entries.Where(e => e.Edited).ToList();
        if (part is not null)
        {
            var foreign = edited.Where(e => !part.Fields.Contains(e.Field.Code)).ToList();
            if (foreign.Count > 0)
                return Invalid(foreign.Select(e => new FigureError(e.Location, Messages.WorkbookCellNotYours(e.Field.NameZh, e.Field.Code, part.Name).Text)));
            var mine = read.Entries.Count(e => part.Fields.Contains(e.Field.Code));
            return Compare(workspace, edited.Select(e => (e.Entry, e.Version, e.Location)), mine - edited.Count);
        }

        return Compare(workspace, edited.Select(e => (e.Entry, e.Version, e.Location)), read.Entries.Count - edited.Count);
    }

    /// <summary>
    /// Writes the plan. <paramref name="previewed"/> holds the versions the user saw in the preview: a value stored since is a
    /// conflict (<see cref="Messages.ImportMoved"/>) and nothing is imported.
    /// </summary>
    public async Task<Outcome<FiguresWritten>> ApplyAsync(
        Workspace workspace, ImportPlan plan, IReadOnlyDictionary<string, int> previewed, ImportFormat format, Actor actor, CancellationToken cancellationToken)
    {
        var changes = plan.Changes
            .Select(c => new FigureChange(c.Field.Code, c.NewValue, previewed.TryGetValue(c.Field.Code, out var v) ? v : -1))
            .ToList();
        // A department's workbook is its own entry (部门填报, issue 30); the county's, 导入 or Excel.
        var outcome = await writer.WriteAsync(workspace, actor, changes, null, actor.IsDepartmentUser ? AuditSource.Department : SourceOf(format), cancellationToken);
        return outcome.Kind switch
        {
            OutcomeKind.Done => Outcome.Done(outcome.Value!, $"导入完成：修改了 {outcome.Value!.Saved} 项数据。"),
            OutcomeKind.Conflict => Outcome.Conflict(Messages.ImportMoved(outcome.Conflicts.Count), outcome.Conflicts),
            _ => outcome,
        };
    }

    /// <summary>A file refused for what is in it: every problem, named by its place in the file.</summary>
    public static Failure Invalid(IEnumerable<FigureError> errors) => Outcome.Invalid(errors.Select(e => new FieldProblem(e.Location, e.Message)).ToList());

    private static (Scheme?, IReadOnlyList<FigureError>) Expected(Workspace workspace, WorkbookCover cover, DepartmentPart? part)
    {
        if (part is not null && cover.Department is { } department && department != part.Name)
            return (null, [new FigureError(CountyWorkbookLayout.CoverSheet, Messages.WorkbookOfOtherDepartment(department, part.Name).Text)]);
        const string at = CountyWorkbookLayout.CoverSheet;
        var scheme = workspace.Scheme;
        string? problem = cover switch
        {
            { County: null } or { Year: null } or { SchemeCode: null } or { SchemeVersion: null } =>
                "封面上缺少县、年度或评价方案：请使用本系统下载的填报表，不要修改封面",
            { County: var county } when county != workspace.County =>
                $"这是{county}的填报表，而本评价属于{workspace.County}：请在本县的评价中下载填报表后填写",
            { Year: var year } when year != workspace.Year =>
                $"这是 {year} 年度的填报表，而本评价是 {workspace.Year} 年度：请下载本年度的填报表",
            { SchemeCode: var code, SchemeVersion: var version } when code != scheme.Code || version != scheme.Version =>
                $"填报表按{(code == scheme.Code ? $"本方案的第{version}版" : "另一个评价方案")}生成，而本评价使用《{scheme.Name}》：请重新下载填报表，把数据填入新表后上传",
            _ => null,
        };
        return problem is null ? (scheme, []) : (null, [new FigureError(at, problem)]);
    }

    // Location: where a figure stands in the file, for a refusal to name (the code in a figures file, the sheet and cell in a workbook).
    private static Outcome<ImportPlan> Compare(Workspace workspace, IEnumerable<(FigureEntry Entry, int? DownloadedVersion, string Location)> entries, int unchanged)
    {
        var changes = new List<ImportLine>();
        var carried = new Dictionary<string, FieldValue?>(StringComparer.Ordinal);
        var locations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (entry, downloaded, location) in entries)
        {
            locations[entry.Field.Code] = location;
            var row = workspace.FigureRows.GetValueOrDefault(entry.Field.Code);
            var current = row?.ToValue();
            var wanted = entry.ToValue();
            if (current?.ToInvariantString() == wanted?.ToInvariantString())
            {
                unchanged++;
                continue;
            }

            var version = row?.Version ?? 0;
            changes.Add(new ImportLine(entry.Field, Show(current), Show(wanted), wanted, version, downloaded is { } d && d != version));
            carried[entry.Field.Code] = wanted;
        }

        var after = After(workspace, changes);
        var changed = changes.Select(c => c.Field.Code).ToList();
        // The scheme's hard rules on the figures as the import would leave them: a file that breaks one is refused whole, at
        // the place of a figure it changes (the same rule the write decides again inside the claim: FigureWriter.Refusals).
        var refused = FigureWriter.Refusals(workspace.Scheme, after.Values, changed);
        if (refused.Count > 0)
        {
            // Named at the first figure the rule reads that the file changes: "A01_PARTY!C31" in a workbook, "A01.08.2" in a figures file.
            return Outcome.Invalid(refused.Select(f => new FieldProblem(
                f.Codes.Where(changed.Contains).Select(c => locations.GetValueOrDefault(c)).FirstOrDefault(l => l is not null) ?? f.Field, f.Text)).ToList());
        }

        return Outcome.Done(new ImportPlan(changes, unchanged)
        {
            Judgments = JudgmentsChanged(workspace, after.Result, changes),
            Warnings = after.Result.OpenWarningsAbout(changed).Where(w => !w.IsHard).ToList(),
            Carried = FiguresFile.Write(workspace.Scheme, workspace.County, workspace.Year, carried),
        });
    }

    private static (Dictionary<string, FieldValue> Values, EvaluationResult Result) After(Workspace workspace, List<ImportLine> changes)
    {
        var values = workspace.Values.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (change.NewValue is { } value) values[change.Field.Code] = value;
            else values.Remove(change.Field.Code);
        }

        return (values, changes.Count == 0 ? workspace.Result : RuleEngine.For(workspace.Scheme).Evaluate(values));
    }

    private static List<JudgmentChange> JudgmentsChanged(Workspace workspace, EvaluationResult after, List<ImportLine> changes)
    {
        if (changes.Count == 0) return [];
        return workspace.Result.Results
            .Where(before => before.Field.IsJudged && (before.Status != after[before.Field.Code].Status || before.DisplayText != after[before.Field.Code].DisplayText))
            .Select(before => new JudgmentChange(before, after[before.Field.Code]))
            .ToList();
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
