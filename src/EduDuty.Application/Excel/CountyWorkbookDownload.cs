using EduDuty.Application.Evaluations;
using EduDuty.Data;
using EduDuty.Reporting.Excel;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Excel;

/// <summary>The county's offline workbook (<see cref="CountyWorkbook"/>): saved figures prefilled, last year's beside them.</summary>
public sealed class CountyWorkbookDownload(EduDutyDbContext db, PreviousYear previousYear, TimeProvider clock)
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<(byte[] Content, string FileName)> HandleAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var code = await db.Regions.Where(r => r.Id == workspace.CountyId).Select(r => r.Code).SingleAsync(cancellationToken);
        var content = new CountyWorkbookContent(
            workspace.Result, workspace.County, code, workspace.Year,
            workspace.FigureRows.ToDictionary(p => p.Key, p => p.Value.Version, StringComparer.Ordinal),
            (await previousYear.OfAsync(workspace, cancellationToken))?.ValuesFor(workspace.Scheme) ?? new Dictionary<string, Core.Figures.FieldValue>(),
            clock.GetUtcNow().UtcDateTime);
        return (CountyWorkbook.Write(content), CountyWorkbook.FileName(workspace.County, workspace.Year));
    }
}
