using EduDuty.Application;
using EduDuty.Application.Evidence;
using EduDuty.Application.Rectification;
using EduDuty.Core.Messaging;
using EduDuty.Core.Rectification;
using EduDuty.Core.Text;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Api.Endpoints;

/// <summary>
/// Rectification tasks (issue 29, decision 0050): the board the page lists (<see cref="RectificationBoard"/>: a county's own
/// tasks, a supervisor's region's), an update through <see cref="UpdateRectification"/> (the version the caller read, the
/// same rules), and the tasks' files through <see cref="RectificationEvidenceFiles"/> (the same inspection as evidence).
/// </summary>
public static class RectificationEndpoints
{
    public static RouteGroupBuilder MapRectification(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/rectification").WithTags("整改");

        tasks.MapGet("/tasks", ListAsync)
            .WithName("listRectificationTasks").WithSummary("列出整改任务（按年度、状态、是否逾期筛选，每页 20 项）")
            .Produces<TaskPageDto>().ProducesProblems(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(ApiPolicies.Read);

        tasks.MapPut("/tasks/{task:int}", UpdateAsync)
            .WithName("updateRectificationTask").WithSummary("更新一项整改任务（县级：责任单位、完成时限、状态、进展）")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(ApiPolicies.FiguresWrite);

        tasks.MapPost("/tasks/{task:int}/files", AttachAsync)
            .WithName("attachRectificationFile").WithSummary("为整改任务上传佐证材料（multipart：files 为文件，Title 为标题）")
            .WithMetadata(new EvidenceUploadLimitAttribute())
            .Accepts<IFormFileCollection>("multipart/form-data")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery()
            .RequireAuthorization(ApiPolicies.FiguresWrite);

        tasks.MapGet("/files/{file:int}/content", DownloadAsync)
            .WithName("downloadRectificationFile").WithSummary("下载整改任务的一份佐证材料")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/octet-stream").ProducesProblems(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiPolicies.Read);
        return api;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, RectificationBoard board, CurrentUser user, int? year, string? state, bool? overdue, int? page, CancellationToken cancellationToken)
    {
        RectificationStatus? status = null;
        if (!string.IsNullOrEmpty(state) && (status = ApiTaskStates.Parse(state)) is null)
            return ApiProblems.Of<Unit>(Outcome.Invalid("state", Messages.TaskStateUnknown(state)), http);
        var listed = await board.ListAsync(user.Actor, new TaskFilter(year, status, overdue == true, page ?? 1), cancellationToken);
        return TypedResults.Ok(TaskPageDto.Of(listed));
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, int task, [FromBody] TaskUpdateRequest body, UpdateRectification update, CurrentUser user, CancellationToken cancellationToken)
    {
        if (ApiTaskStates.Parse(body.State) is not { } status)
            return ApiProblems.Of<Unit>(Outcome.Invalid("state", Messages.TaskStateUnknown(body.State ?? "")), http);
        var due = string.IsNullOrWhiteSpace(body.DueDate) ? null : ChinaTime.ParseIsoDate(body.DueDate);
        if (!string.IsNullOrWhiteSpace(body.DueDate) && due is null) return ApiProblems.Of<Unit>(Outcome.Invalid("dueDate", UpdateRectification.DueDateProblem), http);
        var outcome = await update.HandleAsync(user.Actor, task, body.Version, new TaskUpdate(body.ResponsibleUnit, due, status, body.Reason, body.Note), cancellationToken);
        return outcome.IsDone ? TypedResults.NoContent() : ApiProblems.Of(outcome, http);
    }

    private static async Task<IResult> AttachAsync(HttpContext http, int task, RectificationEvidenceFiles evidence, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType) return ApiProblems.Of<Unit>(Outcome.Invalid("files", Messages.UploadNotMultipart), http);
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var files = form.Files.GetFiles("files");
        if (EvidenceUploadForm.Files(files.Count, EvidenceUploadLimitAttribute.MaxFiles, EvidenceUploadForm.NoTaskFile) is { } problem)
            return ApiProblems.Of<Unit>(Outcome.Invalid([problem]), http);
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var outcome = await evidence.AttachAsync(user.Actor, task, new EvidenceUpload(file.FileName, stream), files.Count == 1 ? form["Title"].ToString() : null, cancellationToken);
            if (!outcome.IsDone) return ApiProblems.Of(ApiOutcomes.AtField(outcome, "files"), http);
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, int file, RectificationEvidenceFiles evidence, CurrentUser user, CancellationToken cancellationToken)
    {
        if (await evidence.OpenAsync(user.Actor, file, cancellationToken) is not var (row, content))
            return ApiProblems.Of<Unit>(Outcome.NotFound(Messages.TaskEvidenceGone), http);
        return TypedResults.Stream(content, EvidenceResponse.Prepare(http.Response, row.FileName, row.Kind, inline: false));
    }
}
