using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Messaging;

namespace EduDuty.Application.Departments;

/// <summary>
/// A department's workbook uploaded on its page (issue 30, decision 0054), in one step: the file is read with the department's
/// part (<see cref="ImportFigures.PlanWorkbook(Evaluations.Workspace, Stream, Reporting.Excel.DepartmentPart?)"/>: only its
/// cells, an edited cell of any other field refused by its sheet and cell), and the edited cells are written through
/// <see cref="ImportFigures.ApplyAsync"/> and so <see cref="FigureWriter"/>, which applies the per-field rule (a field
/// 已报送 or 已采纳 refuses the import by name). A cell edited in the file whose stored value someone changed after the
/// download is a conflict naming who changed it: nothing is imported. Anything refused: nothing is stored.
/// </summary>
public sealed class ImportDepartmentWorkbook(ImportFigures import)
{
    public async Task<Outcome<ImportPlan>> HandleAsync(DepartmentDesk desk, Stream content, Actor actor, CancellationToken cancellationToken)
    {
        if (!desk.Edit.Allowed) return Outcome.Refused(desk.Edit.Refusal!);
        var workspace = desk.Workspace;
        var planned = ImportFigures.PlanWorkbook(workspace, content, desk.Part);
        if (planned.Value is not { } plan) return new Failure(planned.Kind, planned.Reason, planned.Problems, planned.Conflicts);
        if (plan.Changes.Count == 0) return Outcome.Done(plan, "文件中本部门的数据与系统中已保存的一致，没有需要导入的修改。");

        var moved = plan.Changes.Where(c => c.MovedSinceDownload).ToList();
        if (moved.Count > 0)
        {
            return Outcome.Conflict(Messages.DepartmentWorkbookMoved(moved.Count), moved.Select(c =>
            {
                var row = workspace.FigureRows.GetValueOrDefault(c.Field.Code);
                return new Conflict(c.Field.Code, c.Current, workspace.UserName(row?.UpdatedByUserId), row?.UpdatedAtUtc ?? DateTime.MinValue, c.Version);
            }).ToList());
        }

        // The versions the plan was made on: a value stored since is a conflict inside the claim (ImportMoved), nothing imported.
        var versions = plan.Changes.ToDictionary(c => c.Field.Code, c => c.Version, StringComparer.Ordinal);
        var written = await import.ApplyAsync(workspace, plan, versions, ImportFormat.Excel, actor, cancellationToken);
        return written.IsDone ? Outcome.Done(plan, written.Note) : new Failure(written.Kind, written.Reason, written.Problems, written.Conflicts);
    }
}
