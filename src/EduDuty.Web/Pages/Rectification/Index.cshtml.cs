using EduDuty.Application.Rectification;
using EduDuty.Core.Rectification;
using EduDuty.Core.Text;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Rectification;

/// <summary>整改任务: the county's tasks to update, or every county's in the supervisor's region by state and overdue.</summary>
public sealed class IndexModel(RectificationBoard board, UpdateRectification update, CurrentUser user) : PageModel
{
    public TaskBoard Board { get; private set; } = null!;

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

    public async Task<IActionResult> OnPostUpdateAsync(CancellationToken cancellationToken)
    {
        var due = string.IsNullOrWhiteSpace(Input.DueDate) ? null : ChinaTime.ParseIsoDate(Input.DueDate);
        var outcome = string.IsNullOrWhiteSpace(Input.DueDate) || due is not null
            ? await update.HandleAsync(user.Actor, Input.TaskId, Input.Version, new TaskUpdate(Input.ResponsibleUnit, due, Input.Status, Input.Reason, Input.Note), cancellationToken)
            : new TaskUpdateOutcome(false, "完成时限的格式应为 2022-06-30，请重新选择日期。");
        if (outcome.Saved)
        {
            Message = "整改任务已更新。";
            return Redirect(PageUrl(Status, Overdue, PageNumber) + $"#task-{Input.TaskId}");
        }

        Refusal = outcome.Refusal;
        FailedTask = Input.TaskId;
        Response.StatusCode = outcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public string PageUrl(RectificationStatus? status, bool overdue, int page) =>
        $"/Rectification?{(Year is { } y ? $"Year={y}&" : "")}{(status is { } s ? $"Status={s}&" : "")}{(overdue ? "Overdue=true&" : "")}p={page}";

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Board = await board.ListAsync(user.Actor, new TaskFilter(Year, Status, Overdue, PageNumber), cancellationToken);

    public sealed class TaskInput
    {
        public int TaskId { get; set; }

        public int Version { get; set; }

        public string? ResponsibleUnit { get; set; }

        public string? DueDate { get; set; }

        public RectificationStatus Status { get; set; }

        public string? Reason { get; set; }

        public string? Note { get; set; }
    }
}
