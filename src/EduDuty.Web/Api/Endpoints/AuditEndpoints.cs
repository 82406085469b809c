using EduDuty.Application.Administration;
using EduDuty.Application.Exports;
using EduDuty.Web.Api.Documents;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EduDuty.Web.Api.Endpoints;

/// <summary>
/// The admin audit for admins (issue 29): a page at a time by cursor (newest first, at most 200 a page) and all of it streamed
/// as NDJSON — through the audit page's own query (<see cref="AdminAudit"/>): the admin's region and below.
/// </summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", PageAsync)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithName("getAuditPage")
            .WithTags("管理记录")
            .WithSummary("管理记录（分页）/ The admin audit, a page at a time")
            .WithDescription("本地区及下级地区的管理记录，按时间倒序。用上一页返回的 nextCursor 取下一页；nextCursor 为 null 时已是最后一页。" +
                             " Newest first; pass the nextCursor of a page to get the next (null: the last page). size: 1–200, default 50.")
            .Produces<AuditPage>(StatusCodes.Status200OK)
            .WithMetadata(new ApiDoc.Example("size", 50))
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, StatusCodes.Status403Forbidden);
        api.MapGet("/audit/stream", Stream)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithName("streamAudit")
            .WithTags("管理记录")
            .WithSummary("管理记录（流式）/ The admin audit, streamed")
            .WithDescription("本地区及下级地区的全部管理记录，按时间倒序，NDJSON（每行一条）。 All of the audit, newest first, one entry a line (NDJSON).")
            .Produces<AuditEntryLine>(StatusCodes.Status200OK, NdjsonFile.MediaType)
            .WithMetadata(new ApiDoc.Streamed())
            .ProducesProblems(StatusCodes.Status403Forbidden);
        return api;
    }

    /// <param name="cursor">The nextCursor of the page before; none for the newest page.</param>
    /// <param name="size">Entries a page, 1–200 (default 50).</param>
    private static async Task<IResult> PageAsync(string? cursor, int? size, AdminAudit audit, CurrentUser user, HttpContext http, CancellationToken cancellationToken)
    {
        var outcome = await audit.CursorPageAsync(user.Actor, cursor, size ?? AdminAudit.PageSize, cancellationToken);
        return outcome.IsDone ? TypedResults.Ok(outcome.Value) : ApiProblems.Of(outcome, http);
    }

    private static IResult Stream(AdminAudit audit, CurrentUser user, HttpContext http, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var outcome = audit.Stream(user.Actor, cancellationToken);
        return outcome.IsDone
            ? Results.Stream(body => NdjsonFile.WriteAsync(body, outcome.Value!, json.Value.SerializerOptions, cancellationToken), NdjsonFile.MediaType)
            : ApiProblems.Of(outcome, http);
    }
}
