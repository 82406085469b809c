using System.ComponentModel;
using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Messaging;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Api.Endpoints;

/// <summary>
/// An evaluation's figures and judgments (issue 29, decision 0050). GET answers every entered field with its value, version
/// and who entered it, and the ETag of the figures as a whole; PUT writes a set through the form's rules and the guarded
/// write (<see cref="SaveFigureSet"/>) on the condition of <c>If-Match</c>: missing 428, stale 412 with nothing changed.
/// </summary>
public static class FiguresEndpoints
{
    public static RouteGroupBuilder MapFigures(this RouteGroupBuilder api)
    {
        var figures = api.MapGroup("/evaluations/{id:int}").WithTags("填报数据");

        figures.MapGet("/figures", GetAsync)
            .WithName("getFigures").WithSummary("读取一份评价的全部填报数据（值、版本、填写人和时间；响应头 ETag）")
            .Produces<FiguresDto>().ProducesProblems(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiPolicies.Read);

        figures.MapPut("/figures", PutAsync)
            .WithName("putFigures").WithSummary("修改一组填报数据（须带 If-Match；与页面相同的校验和数据提示）")
            .Accepts<FiguresPutRequest>("application/json")
            .Produces<FiguresSavedDto>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status428PreconditionRequired, StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(ApiPolicies.FiguresWrite);

        figures.MapGet("/judgments", JudgmentsAsync)
            .WithName("getJudgments").WithSummary("读取判定结果：每个判定指标的计算值与状态（达标、未达标、无法判断）")
            .Produces<JudgmentsDto>().ProducesProblems(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiPolicies.Read);
        return api;
    }

    // The JSON of a figures view, made once per view: a view kept by FiguresViews is answered again without serialising it.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<FiguresView, Tuple<byte[], string>> Written = new();

    private static async Task<IResult> GetAsync(HttpContext http, int id, FiguresQuery figures, CurrentUser user,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var outcome = await figures.HandleAsync(id, user.Actor, cancellationToken);
        if (!outcome.IsDone) return ApiProblems.Of(outcome, http);
        var (bytes, etag) = Written.GetValue(outcome.Value!, view =>
        {
            var dto = FiguresDto.Of(view);
            return Tuple.Create(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(dto, json.Value.SerializerOptions), dto.Etag);
        });
        http.Response.Headers.ETag = etag;
        return TypedResults.Bytes(bytes, "application/json; charset=utf-8");
    }

    private static async Task<IResult> PutAsync(
        HttpContext http, int id, [FromBody] FiguresPutRequest body, [FromHeader(Name = "If-Match"), Description("必填：读取数据（GET）时响应头 ETag 的值，连同双引号原样写入，例如 \"f115\"。Required: the ETag of the GET, quotes included.")] string? ifMatch,
        SaveWorkspaceLoader loader, SaveFigureSet save, CurrentUser user, CancellationToken cancellationToken)
    {
        var actor = user.Actor;
        if (await loader.LoadAsync(id, actor, cancellationToken) is not { } workspace)
            return ApiProblems.Of<Unit>(Outcome.NotFound(Messages.EvaluationNotFound), http);
        if (string.IsNullOrWhiteSpace(ifMatch)) return ApiProblems.Of<Unit>(Outcome.Refused(Messages.FiguresVersionRequired), http);

        // An If-Match that is not one ETag of ours (no quotes, weak, "*", a list) can never match: 412, saying what to send.
        if (FigureWriter.VersionOf(ifMatch.Trim()) is not { } expected)
            return ApiProblems.Of<Unit>(Outcome.Conflict(Messages.ApiIfMatchMalformed(ifMatch.Trim())), http);
        // A null in the list (JSON allows it) is an empty entry: the write refuses it as any unknown code (422), never a 500.
        var entries = (body.Fields ?? []).Select(f => new FigureSetEntry(f?.Code ?? string.Empty, f?.Value, f?.Version)).ToList();
        var outcome = await save.HandleAsync(workspace, entries, expected, actor, cancellationToken);
        if (!outcome.IsDone) return ApiProblems.Of(outcome, http);
        var dto = FiguresSavedDto.Of(outcome.Value!);
        http.Response.Headers.ETag = dto.Etag;
        return TypedResults.Ok(dto);
    }

    private static async Task<IResult> JudgmentsAsync(HttpContext http, int id, EvaluationCard card, CurrentUser user, CancellationToken cancellationToken)
    {
        var outcome = await card.HandleAsync(id, user.Actor, withScore: false, cancellationToken);
        return outcome.IsDone ? TypedResults.Ok(JudgmentsDto.Of(outcome.Value!.Workspace)) : ApiProblems.Of(outcome, http);
    }
}
