using EduDuty.Application.Evaluations;
using EduDuty.Data;
using EduDuty.Reporting.Excel;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Excel;

/// <summary>The county's offline workbook (<see cref="CountyWorkbook"/>): saved figures prefilled, last year's beside them.</summary>
public sealed class CountyWorkbookDownload(EduDutyDbContext db, PreviousYear previousYear, Reports.RenderGate gate, TimeProvider clock)
{
    /// <summary>What the gate's messages call this workbook.</summary>
    public const string What = "填报表";

    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The workbook, written through the <see cref="Reports.RenderGate"/> (refused when busy or out of time: 503).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled: the client left.</exception>
    public Task<Outcome<(byte[] Content, string FileName)>> HandleAsync(Workspace workspace, CancellationToken cancellationToken, Action<int>? observer = null) =>
        HandleAsync(workspace, null, cancellationToken, observer);

    /// <summary>
    /// The workbook, or a department's (部门填报表, issue 30) when <paramref name="part"/> names it: only the department's entered
    /// fields, no computed rows, so the file carries no other office's figures.
    /// </summary>
    public async Task<Outcome<(byte[] Content, string FileName)>> HandleAsync(
        Workspace workspace, DepartmentPart? part, CancellationToken cancellationToken, Action<int>? observer = null)
    {
        var code = await db.Regions.Where(r => r.Id == workspace.CountyId).Select(r => r.Code).SingleAsync(cancellationToken);
        var content = new CountyWorkbookContent(
            workspace.Result, workspace.County, code, workspace.Year,
            workspace.FigureRows.ToDictionary(p => p.Key, p => p.Value.Version, StringComparer.Ordinal),
            (await previousYear.OfAsync(workspace, cancellationToken))?.ValuesFor(workspace.Scheme) ?? new Dictionary<string, Core.Figures.FieldValue>(),
            clock.GetUtcNow().UtcDateTime)
        {
            Department = part,
            // 数据来源部门 (issue 30): who enters each field this year.
            Departments = (await Departments.DepartmentParts.LoadAsync(db, workspace, cancellationToken)).DepartmentNamesByCode,
        };
        var written = await gate.RunAsync(What, progress => CountyWorkbook.Write(content, progress), cancellationToken, observer);
        return written.IsDone ? Outcome.Done((written.Value!, (part is null ? CountyWorkbook.FileName(workspace.County, workspace.Year) : CountyWorkbook.FileName(workspace.County, workspace.Year, part.Name)))) : Outcome.Refused(written.Reason!);
    }
}
