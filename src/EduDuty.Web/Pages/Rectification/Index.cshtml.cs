using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Evidence;
using EduDuty.Application.Rectification;
using EduDuty.Core.Evidence;
using EduDuty.Core.Rectification;
using EduDuty.Core.Text;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Rectification;

/// <summary>
/// 整改任务: the county's tasks to update and to attach evidence of rectification to, or every county's in the supervisor's
/// region by state and overdue.
/// </summary>
[EvidenceUploadLimit]
public sealed class IndexModel(RectificationBoard board, EvidenceOptions options, CurrentUser user)
    : PageModel
{
    public TaskBoard Board { get; private set; } = null!;

    public EvidenceOptions Options => options;

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public RectificationStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Message { get; set; }

    public string? Refusal { get; private set; }

    /// <summary>The task whose update was refused: its form shows what was typed.</summary>
    public int? FailedTask { get; private set; }

    [BindProperty]
    public TaskInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostUpdateAsync([FromServices] UpdateRectification update, CancellationToken cancellationToken)
    {
        var due = string.IsNullOrWhiteSpace(Input.DueDate) ? null : ChinaTime.ParseIsoDate(Input.DueDate);
        var outcome = string.IsNullOrWhiteSpace(Input.DueDate) || due is not null
            ? await update.HandleAsync(user.Actor, Input.TaskId, Input.Version, new TaskUpdate(Input.ResponsibleUnit, due, Input.Status, Input.Reason, Input.Note), cancellationToken)
            : Outcome.Invalid("Input.DueDate", UpdateRectification.DueDateProblem);
        if (outcome.IsDone)
        {
            Message = "整改任务已更新。";
            return Redirect(PageUrl(Status, Overdue, PageNumber) + $"#task-{Input.TaskId}");
        }

        FailedTask = Input.TaskId;
        return await NotDoneAsync(this.Answer(outcome), cancellationToken);
    }

    /// <summary>The tasks the page's filter selects, every page of them, as a workbook.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var xlsx = await board.ExportAsync(user.Actor, new TaskFilter(Year, Status, Overdue, 1), cancellationToken);
        return File(xlsx, Application.Excel.CountyWorkbookDownload.MediaType, $"整改任务{(Year is { } y ? $"-{y}年度" : "")}.xlsx");
    }

    /// <summary>Attaches the chosen files to a task, each checked and stored (or refused, naming it) on its own.</summary>
    public async Task<IActionResult> OnPostAttachAsync(int task, List<IFormFile> files, [Display(Name = "材料标题")] string? title, [FromServices] RectificationEvidenceFiles evidence, CancellationToken cancellationToken)
    {
        if (EvidenceUploadForm.Files(files.Count, EvidenceUploadLimitAttribute.MaxFiles, EvidenceUploadForm.NoTaskFile) is { } problem)
            return await NotDoneAsync(this.Answer<Unit>(Outcome.Invalid([problem])), cancellationToken);

        var attached = 0;
        var refused = new List<string>();
        Outcome<Unit>? firstRefused = null;
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var outcome = await evidence.AttachAsync(user.Actor, task, new EvidenceUpload(file.FileName, stream), files.Count == 1 ? title : null, cancellationToken);
            if (outcome.IsDone)
            {
                attached++;
                continue;
            }

            firstRefused ??= outcome;
            refused.Add(EvidenceResponse.RefusalLine(file.FileName, outcome));
        }

        if (firstRefused is null)
        {
            Message = $"已上传 {attached} 份整改佐证材料。";
            return Redirect(PageUrl(Status, Overdue, PageNumber) + $"#task-{task}");
        }

        // The status is the first refused file's (OutcomeResponses); each refused file is named with its reason.
        this.Answer(firstRefused);
        return await NotDoneAsync(string.Join(" ", attached > 0 ? [.. refused, $"其余 {attached} 个文件已上传。"] : refused), cancellationToken);
    }

    public async Task<IActionResult> OnPostDetachAsync(int task, int file, [FromServices] RectificationEvidenceFiles evidence, CancellationToken cancellationToken)
    {
        var outcome = await evidence.RemoveAsync(user.Actor, task, file, cancellationToken);
        if (outcome.IsDone)
        {
            Message = "已删除这份整改佐证材料。";
            return Redirect(PageUrl(Status, Overdue, PageNumber) + $"#task-{task}");
        }

        return await NotDoneAsync(this.Answer(outcome), cancellationToken);
    }

    /// <summary>A task's file, downloaded, or shown in the browser when it is an image or a PDF (<paramref name="view"/>).</summary>
    public async Task<IActionResult> OnGetFileAsync(int file, bool view, [FromServices] RectificationEvidenceFiles evidence, CancellationToken cancellationToken)
    {
        if (await evidence.OpenAsync(user.Actor, file, cancellationToken) is not var (row, content)) return NotFound();
        return File(content, EvidenceResponse.Prepare(Response, row.FileName, row.Kind, view));
    }

    public string PageUrl(RectificationStatus? status, bool overdue, int page, string? handler = null) =>
        $"/Rectification?{(handler is null ? "" : $"handler={handler}&")}{(Year is { } y ? $"Year={y}&" : "")}{(status is { } s ? $"Status={s}&" : "")}{(overdue ? "Overdue=true&" : "")}p={page}";

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Board = await board.ListAsync(user.Actor, new TaskFilter(Year, Status, Overdue, PageNumber), cancellationToken);

    // The board again with why the change was not saved; the status is set already (OutcomeResponses).
    private async Task<IActionResult> NotDoneAsync(string? refusal, CancellationToken cancellationToken)
    {
        Refusal = refusal;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public sealed class TaskInput
    {
        public int TaskId { get; set; }

        public int Version { get; set; }

        [Display(Name = "责任单位")]
        public string? ResponsibleUnit { get; set; }

        [Display(Name = "完成时限")]
        public string? DueDate { get; set; }

        public RectificationStatus Status { get; set; }

        [Display(Name = "未完成的原因")] [DataType(DataType.MultilineText)]
        public string? Reason { get; set; }

        [Display(Name = "整改情况说明")] [DataType(DataType.MultilineText)]
        public string? Note { get; set; }
    }
}
