using System.Text;
using EduDuty.Core.Figures;
using EduDuty.Web.Pages.Evaluations.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Evaluations;

public sealed class DetailsModel(WorkspaceLoader loader) : PageModel
{
    public Workspace.Workspace Workspace { get; private set; } = null!;

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var workspace = await loader.LoadAsync(id, cancellationToken);
        if (workspace is null) return NotFound();
        Workspace = workspace;
        return Page();
    }

    /// <summary>The county's figures in the exchange format (docs/figures-format.md).</summary>
    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken cancellationToken)
    {
        var workspace = await loader.LoadAsync(id, cancellationToken);
        if (workspace is null) return NotFound();
        var json = FiguresFile.Write(workspace.Scheme, workspace.County, workspace.Year, workspace.Values);
        return File(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", $"{workspace.County}-{workspace.Year}-填报数据.json");
    }
}
