using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Figures;
using EduDuty.Reporting.Excel;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Evaluations;

[RequestSizeLimit(CountyWorkbookReader.MaxBytes + FiguresFileReader.MaxBytes)]
public sealed class ImportModel(WorkspaceLoader loader, ImportFigures import, CurrentUser user) : EvaluationPageModel(loader, user)
{
    public ImportPlan Plan { get; private set; } = new([], 0);

    /// <summary>What is wrong in the file (or the upload), each at its place: nothing was imported.</summary>
    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    /// <summary>Why nothing was imported when the file itself is not the cause (locked, late, not the user's; or moved).</summary>
    public string? Refusal { get; private set; }

    /// <summary>The changes read from the file, as a figures file, carried from the preview to the apply step and checked again there.</summary>
    [BindProperty]
    [Display(Name = "导入的文件内容")] [DataType(DataType.MultilineText)]
    public string? Json { get; set; }

    /// <summary>What the user uploaded: a figures file or a county workbook (the audit trail says which).</summary>
    [BindProperty]
    public ImportFormat Format { get; set; }

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
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var plan = await PlanUploadAsync(cancellationToken);
        if (!plan.IsDone) return Show(plan);
        Plan = plan.Value!;
        Json = Plan.Carried;
        return Page();
    }

    /// <summary>Confirm: apply exactly the previewed changes, unless the stored figures moved meanwhile.</summary>
    public async Task<IActionResult> OnPostApplyAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var plan = ImportFigures.Plan(Workspace, Json ?? string.Empty);
        if (!plan.IsDone) return Show(plan);
        Plan = plan.Value!;

        var outcome = await import.ApplyAsync(Workspace, Plan, Versions, Format, Actor, cancellationToken);
        if (outcome.IsDone)
        {
            Saved = outcome.Note;
            return RedirectToPage("/Evaluations/Details", new { id });
        }

        // A conflict shows the plan again, compared with the figures as they are now, to be confirmed again.
        Moved = outcome.Kind == OutcomeKind.Conflict;
        return Show(outcome);
    }

    private IActionResult Show<T>(Outcome<T> outcome)
    {
        Refusal = this.Answer(outcome);
        if (outcome.Kind == OutcomeKind.Invalid) Problems = outcome.Problems;
        return Page();
    }

    // A workbook is a ZIP package ("PK"); anything else is read as a figures file.
    // Who may import is asked first: a user who may not gets the reason, whatever they uploaded.
    private async Task<Outcome<ImportPlan>> PlanUploadAsync(CancellationToken cancellationToken)
    {
        if (!Workspace.CanEdit) return Outcome.Refused(Workspace.Edit.Refusal!);
        if (Upload is null || Upload.Length == 0) return Outcome.Invalid("文件", "请选择要导入的文件：本系统下载的 Excel 填报表（.xlsx）或数据文件（.json）");
        var head = new byte[4];
        await using (var peek = Upload.OpenReadStream()) await peek.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (head.AsSpan().StartsWith("PK"u8))
        {
            Format = ImportFormat.Excel;
            if (Upload.Length > CountyWorkbookReader.MaxBytes)
                return Outcome.Invalid("文件", $"文件过大（上限 {CountyWorkbookReader.MaxBytes / 1024 / 1024} MB），请检查是否选错了文件");
            using var buffer = new MemoryStream((int)Upload.Length);
            await Upload.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            return ImportFigures.PlanWorkbook(Workspace, buffer);
        }

        Format = ImportFormat.Json;
        if (Upload.Length > FiguresFileReader.MaxBytes)
            return Outcome.Invalid("文件", $"文件过大（上限 {FiguresFileReader.MaxBytes / 1024} KB），请检查是否选错了文件");
        var text = await Uploads.ReadUtf8Async(Upload, cancellationToken);
        return text is null
            ? Outcome.Invalid("文件", "文件既不是 Excel 工作簿，也不是 UTF-8 编码的 JSON 数据文件：请上传本系统下载的填报表或导出的数据文件")
            : ImportFigures.Plan(Workspace, text);
    }
}
