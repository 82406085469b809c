using System.ComponentModel;
using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Application.Evaluations.Review;
using EduDuty.Core.Messaging;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Api.Endpoints;

/// <summary>
/// Evaluations (issue 29, decision 0050): a page of them by year, region and state; one with its state, deadline, completeness,
/// summary and score; the review steps the caller may take now; the steps themselves through the page's handler
/// (<see cref="ReviewTransitions"/>), each needing <c>"confirm": true</c> where the page asks "确定…吗？".
/// </summary>
public static class EvaluationsEndpoints
{
    public static RouteGroupBuilder MapEvaluations(this RouteGroupBuilder api)
    {
        var evaluations = api.MapGroup("/evaluations").WithTags("评价");

        evaluations.MapGet("", ListAsync)
            .WithName("listEvaluations").WithSummary("列出评价（按年度、地区、状态筛选，分页）")
            .Produces<EvaluationPageDto>().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(ApiPolicies.Read);

        evaluations.MapGet("/{id:int}", GetAsync)
            .WithName("getEvaluation").WithSummary("读取一份评价：状态、截止日期、完整度、结果概要、得分")
            .Produces<EvaluationDto>().ProducesProblems(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiPolicies.Read);

        evaluations.MapGet("/{id:int}/transitions", TransitionsAsync)
            .WithName("listTransitions").WithSummary("当前用户现在可做的审核步骤（不可做的附原因）")
            .Produces<IReadOnlyList<TransitionDto>>().ProducesProblems(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiPolicies.Read);

        Step(evaluations.MapPost("/{id:int}/submit", SubmitAsync), "submitEvaluation", "提交评价（县级负责人）", ApiPolicies.FiguresWrite);
        Step(evaluations.MapPost("/{id:int}/return", ReturnAsync), "returnEvaluation", "退回评价（督导，附理由）", ApiPolicies.Review);
        Step(evaluations.MapPost("/{id:int}/approve", ApproveAsync), "approveEvaluation", "审核通过（督导，附审核意见）", ApiPolicies.Review);
        Step(evaluations.MapPost("/{id:int}/reopen", ReopenAsync), "reopenEvaluation", "重新开启已通过的评价（管理员，附理由）", ApiPolicies.Review);
        return api;
    }

    private static void Step(RouteHandlerBuilder step, string name, string summary, string policy) => step
        .WithName(name).WithSummary(summary)
        .Produces<EvaluationDto>()
        .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable)
        .RequireAuthorization(policy);

    private static async Task<IResult> ListAsync(
        HttpContext http, EvaluationList list, CurrentUser user,
        [Description("年度，例如 2021。The year.")] int? year,
        [Description("6 位地区代码（县、市或省，例如运城市 140800），不是评价编号，也不是地区名称。A 6-digit region code.")] string? region,
        [Description("draft、submitted、returned 或 approved。")] string? state,
        [Description("页码，从 1 开始。")] int? page,
        [Description("每页条数，1–200，默认 50。")] int? pageSize, CancellationToken cancellationToken)
    {
        if (!MachineNames.TryParse<Core.Review.EvaluationStatus>(state, out var status)) return Problem(Outcome.Invalid("state", Messages.StateUnknown(state!)), http);
        var outcome = await list.HandleAsync(user.Actor, new EvaluationFilter(year, string.IsNullOrWhiteSpace(region) ? null : region.Trim(), status),
            page ?? 1, pageSize ?? EvaluationList.DefaultPageSize, cancellationToken);
        return outcome.IsDone ? TypedResults.Ok(EvaluationPageDto.Of(outcome.Value!)) : ApiProblems.Of(outcome, http);
    }

    private static async Task<IResult> GetAsync(HttpContext http, int id, EvaluationCard card, CurrentUser user, CancellationToken cancellationToken)
    {
        var outcome = await card.HandleAsync(id, user.Actor, withScore: true, cancellationToken);
        return outcome.IsDone ? TypedResults.Ok(EvaluationDto.Of(outcome.Value!)) : ApiProblems.Of(outcome, http);
    }

    private static async Task<IResult> TransitionsAsync(HttpContext http, int id, EvaluationCard card, CurrentUser user, CancellationToken cancellationToken)
    {
        var outcome = await card.HandleAsync(id, user.Actor, withScore: false, cancellationToken);
        return outcome.IsDone ? TypedResults.Ok(EvaluationDto.TransitionsOf(outcome.Value!.Workspace)) : ApiProblems.Of(outcome, http);
    }

    private static Task<IResult> SubmitAsync(HttpContext http, int id, [FromBody] SubmitRequest body, ReviewTransitions review, EvaluationCard card, WorkspaceLoader loader, CurrentUser user, CancellationToken cancellationToken) =>
        StepAsync(http, id, body.Confirm, "提交", loader, card, user, ws =>
            review.SubmitAsync(ws, user.Actor, new SubmitAnswers(true, body.DespiteLength, body.DespiteWarnings, body.WarningsSeen ?? string.Empty)
            {
                DepartmentsConfirmed = body.DespiteDepartments, DepartmentsReason = body.DepartmentsReason,
            }, cancellationToken), cancellationToken);

    private static Task<IResult> ReturnAsync(HttpContext http, int id, [FromBody] ReturnRequest body, ReviewTransitions review, EvaluationCard card, WorkspaceLoader loader, CurrentUser user, CancellationToken cancellationToken) =>
        StepAsync(http, id, body.Confirm, "退回", loader, card, user, ws =>
            review.ReturnAsync(ws, user.Actor, (body.Reasons ?? []).Select(r => new ReturnReason(r?.Target ?? string.Empty, r?.Text ?? string.Empty)).ToList(), cancellationToken), cancellationToken);

    private static Task<IResult> ApproveAsync(HttpContext http, int id, [FromBody] ApproveRequest body, ReviewTransitions review, EvaluationCard card, WorkspaceLoader loader, CurrentUser user, CancellationToken cancellationToken) =>
        StepAsync(http, id, body.Confirm, "审核通过", loader, card, user, ws =>
            review.ApproveAsync(ws, user.Actor, body.Opinion, body.DespiteOpenThreads, body.Requirements, cancellationToken), cancellationToken);

    private static Task<IResult> ReopenAsync(HttpContext http, int id, [FromBody] ReopenRequest body, ReviewTransitions review, EvaluationCard card, WorkspaceLoader loader, CurrentUser user, CancellationToken cancellationToken) =>
        StepAsync(http, id, body.Confirm, "重新开启", loader, card, user, ws => review.ReopenAsync(ws, user.Actor, body.Reason, cancellationToken), cancellationToken);

    private static IResult Problem(Failure failure, HttpContext http) => ApiProblems.Of<Unit>(failure, http);

    // One review step as the page takes it: the evaluation loaded for the caller (404 outside their region), the confirmation
    // the page's dialog asks, then the page's handler; done answers the evaluation as it is now.
    private static async Task<IResult> StepAsync(
        HttpContext http, int id, bool confirmed, string verb, WorkspaceLoader loader, EvaluationCard card, CurrentUser user,
        Func<Workspace, Task<Outcome<Unit>>> step, CancellationToken cancellationToken)
    {
        if (await loader.LoadAsync(id, user.Actor, cancellationToken) is not { } workspace)
            return Problem(Outcome.NotFound(Messages.EvaluationNotFound), http);
        if (!confirmed) return Problem(Outcome.Invalid("confirm", Messages.ConfirmRequired(verb)), http);
        var outcome = await step(workspace);
        if (!outcome.IsDone) return ApiProblems.Of(outcome, http);
        var now = await card.HandleAsync(id, user.Actor, withScore: true, cancellationToken);
        return now.IsDone ? TypedResults.Ok(EvaluationDto.Of(now.Value!)) : ApiProblems.Of(now, http);
    }
}
