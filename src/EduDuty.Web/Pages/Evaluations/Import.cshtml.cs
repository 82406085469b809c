using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Figures;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Evaluations;

[RequestSizeLimit(2 * FiguresFileReader.MaxBytes)]
public sealed class ImportModel(WorkspaceLoader loader, ImportFigures import, CurrentUser user) : EvaluationPageModel(loader, user)
{
    public ImportPlan Plan { get; private set; } = new([], 0, []);

    /// <summary>The file's content, carried from the preview to the apply step and checked again there.</summary>
    [BindProperty]
    public string? Json { get; set; }

    [BindProperty]
    public Dictionary<string, int> Versions { get; set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public bool Moved { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    /// <summary>The import starts from the overview's upload; a plain visit goes there (404 outside the user's region).</summary>
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadWorkspaceAsync(id, cancellationToken) ? RedirectToPage("/Evaluations/Details", new { id }) : NotFound();

    /// <summary>Upload: read the file and show what would change.</summary>
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadEditableAsync(id, cancellationToken) is { } refusal) return refusal;
        Json = await ReadUploadAsync(cancellationToken);
        Plan = Json is null ? Plan : ImportFigures.Plan(Workspace, Json);
        if (!Plan.IsValid) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>Confirm: apply exactly the previewed changes, unless the stored figures moved meanwhile.</summary>
    public async Task<IActionResult> OnPostApplyAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadEditableAsync(id, cancellationToken) is { } refusal) return refusal;
        Plan = ImportFigures.Plan(Workspace, Json ?? string.Empty);
        if (!Plan.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var outcome = await import.ApplyAsync(Workspace, Plan, Versions, Actor, cancellationToken);
        if (outcome.Refused)
        {
            Plan = ImportPlan.Refused("评价", outcome.Refusal! + "本次没有导入。");
            Response.StatusCode = RefusalStatus;
            return Page();
        }

        if (outcome.HasConflicts)
        {
            Moved = true;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        Saved = $"导入完成：修改了 {outcome.Saved} 项数据。";
        return RedirectToPage("/Evaluations/Details", new { id });
    }

    private async Task<IActionResult?> LoadEditableAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        if (Workspace.CanEdit) return null;
        if (!Viewer.IsCountyUser) return StatusCode(RefusalStatus);
        Plan = ImportPlan.Refused("评价", Workspace.Edit.Reason!);
        Response.StatusCode = RefusalStatus;
        return Page();
    }

    private async Task<string?> ReadUploadAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Plan = ImportPlan.Refused("文件", "请选择要导入的数据文件（.json）");
            return null;
        }

        if (Upload.Length > FiguresFileReader.MaxBytes)
        {
            Plan = ImportPlan.Refused("文件", $"文件过大（上限 {FiguresFileReader.MaxBytes / 1024} KB），请检查是否选错了文件");
            return null;
        }

        var text = await Uploads.ReadUtf8Async(Upload, cancellationToken);
        if (text is null) Plan = ImportPlan.Refused("文件", "文件不是 UTF-8 编码的文本，请使用本系统导出的 JSON 文件");
        return text;
    }
}
