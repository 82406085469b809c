using System.Diagnostics;
using EduDuty.Application;
using EduDuty.Core.Messaging;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduDuty.Web.Api;

/// <summary>One field's problem: where (a field, a row, a cell; empty for the whole input) and what is wrong, in Chinese.</summary>
public sealed record ApiFieldError(string Field, string Message);

/// <summary>What changed first and who changed it (a version that moved).</summary>
public sealed record ApiConflict(string Target, string? TheirValue, string TheirUser, DateTime TheirAtUtc, int CurrentVersion);

/// <summary>
/// An RFC 9457 problem (<c>application/problem+json</c>): <c>type</c> is <c>urn:eduduty:problem:</c> and the catalogue's code,
/// <c>title</c> the catalogue's Chinese text (what happened and what to do next), <c>code</c> the code alone, <c>errors</c>
/// the field problems, <c>conflicts</c> what someone else changed first, <c>traceId</c> the request's trace for the log.
/// </summary>
public sealed record ApiProblem(
    string Type,
    string Title,
    int Status,
    string Code,
    IReadOnlyList<ApiFieldError> Errors,
    IReadOnlyList<ApiConflict>? Conflicts,
    string TraceId);

/// <summary>
/// The API's one mapping of an answer that is not done (decision 0049): the status from <see cref="OutcomeResponses.StatusOf(OutcomeKind, Message?)"/>
/// (the pages' mapping), the body a <see cref="ApiProblem"/>. Endpoints answer
/// <c>outcome.IsDone ? TypedResults.Ok(dto) : ApiProblems.Of(outcome, http)</c>; refusals the pipeline makes (401, 403, 404,
/// 405, 413, 415, 429, 500) use <see cref="For"/> with their catalogue message.
/// </summary>
public static class ApiProblems
{
    public const string ContentType = "application/problem+json";

    public const string TypePrefix = "urn:eduduty:problem:";

    public static JsonHttpResult<ApiProblem> Of<T>(Outcome<T> outcome, HttpContext http)
    {
        if (outcome.IsDone) throw new InvalidOperationException("A done outcome is not a problem.");
        var code = outcome.Reason?.Code ?? outcome.Kind switch
        {
            OutcomeKind.Invalid => "invalid",
            OutcomeKind.Conflict => "conflict",
            OutcomeKind.NotFound => "not-found",
            _ => "refused",
        };
        var title = outcome.Reason?.Text ?? outcome.Kind switch
        {
            OutcomeKind.Invalid => "请求中有数据不符合要求，请按 errors 中的说明逐项修改后重试。",
            OutcomeKind.NotFound => Messages.ApiNotFound.Text,
            _ => outcome.Refusal ?? "请求未被执行。",
        };
        var conflicts = outcome.Kind == OutcomeKind.Conflict
            ? outcome.Conflicts.Select(c => new ApiConflict(c.Target, c.TheirValue, c.TheirUser, c.TheirAtUtc, c.CurrentVersion)).ToList()
            : null;
        return Problem(http, OutcomeResponses.StatusOf(outcome), code, title, outcome.Problems.Select(p => new ApiFieldError(p.Field, p.Text)).ToList(), conflicts);
    }

    /// <summary>The endpoint's answer: 200 with the value when done, else the problem.</summary>
    public static Results<Ok<T>, JsonHttpResult<ApiProblem>> OkOr<T>(Outcome<T> outcome, HttpContext http) =>
        outcome.IsDone ? TypedResults.Ok(outcome.Value!) : Of(outcome, http);

    /// <summary>The endpoint's answer: 200 with the value mapped to its DTO when done, else the problem.</summary>
    public static Results<Ok<TDto>, JsonHttpResult<ApiProblem>> OkOr<T, TDto>(Outcome<T> outcome, HttpContext http, Func<T, TDto> map) =>
        outcome.IsDone ? TypedResults.Ok(map(outcome.Value!)) : Of(outcome, http);

    /// <summary>A refusal with its own status (401, 403, 404, 405, 413, 415, 429, 500) and catalogue message.</summary>
    public static JsonHttpResult<ApiProblem> For(HttpContext http, int status, Message message) =>
        Problem(http, status, message.Code, message.Text, [], null);

    /// <summary>Writes the problem to the response (for middleware and the authentication handler).</summary>
    public static Task WriteAsync(HttpContext http, int status, Message message) => For(http, status, message).ExecuteAsync(http);

    /// <summary>
    /// Declares the problems an endpoint may answer (for the OpenAPI document): 401, 403 and 429, which every API call can
    /// meet, and <paramref name="statuses"/>.
    /// </summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in new[] { StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests }.Concat(statuses).Distinct().Order())
        {
            builder.Produces<ApiProblem>(status, ContentType);
        }

        return builder;
    }

    public static string TraceIdOf(HttpContext http) => Activity.Current?.Id ?? http.TraceIdentifier;

    private static JsonHttpResult<ApiProblem> Problem(HttpContext http, int status, string code, string title, IReadOnlyList<ApiFieldError> errors, IReadOnlyList<ApiConflict>? conflicts) =>
        TypedResults.Json(new ApiProblem(TypePrefix + code, title, status, code, errors, conflicts, TraceIdOf(http)), options: null, ContentType, status);
}
