using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Comments;
using EduDuty.Core.Messaging;
using EduDuty.Core.Security;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Api.Endpoints;

/// <summary>
/// Comment threads (issue 29, decision 0050): the list, a new thread and a reply, through the page's handlers
/// (<see cref="OpenThread"/>, <see cref="ReplyToThread"/>). Writing needs the scope of the writer's side: a county user's
/// token <c>figures:write</c>, a reviewer's <c>review</c> (the page lets any reader comment; a token says which side writes).
/// </summary>
public static class CommentsEndpoints
{
    public static RouteGroupBuilder MapComments(this RouteGroupBuilder api)
    {
        var comments = api.MapGroup("/evaluations/{id:int}/comments").WithTags("意见");

        comments.MapGet("", ListAsync)
            .WithName("listComments").WithSummary("列出一份评价的意见主题及回复")
            .Produces<IReadOnlyList<ThreadDto>>().ProducesProblems(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiPolicies.Read);

        comments.MapPost("", OpenAsync)
            .WithName("openComment").WithSummary("发表意见（针对指标、领域或整个评价；县级用户须有 figures:write，督导须有 review）")
            .WithDescription("读取范围（read）即可调用；写入时还须有写入一方的范围：县级用户的令牌 figures:write，其他角色的令牌 review，否则 403。")
            .Produces<IReadOnlyList<ThreadDto>>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new Documents.ApiDoc.AnyOfScopes([ApiScopes.FiguresWrite, ApiScopes.Review])) // by the caller's role (below)
            .RequireAuthorization(ApiPolicies.Read);

        comments.MapPost("/{thread:long}/replies", ReplyAsync)
            .WithName("replyComment").WithSummary("回复一个意见主题（县级用户须有 figures:write，督导须有 review）")
            .WithDescription("读取范围（read）即可调用；写入时还须有写入一方的范围：县级用户的令牌 figures:write，其他角色的令牌 review，否则 403。")
            .Produces<IReadOnlyList<ThreadDto>>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new Documents.ApiDoc.AnyOfScopes([ApiScopes.FiguresWrite, ApiScopes.Review])) // by the caller's role (below)
            .RequireAuthorization(ApiPolicies.Read);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, int id, WorkspaceLoader loader, CommentThreads threads, CurrentUser user, CancellationToken cancellationToken)
    {
        if (await loader.LoadAsync(id, user.Actor, cancellationToken) is not { } workspace)
            return ApiProblems.Of<Unit>(Outcome.NotFound(Messages.EvaluationNotFound), http);
        return TypedResults.Ok(await ThreadsAsync(threads, workspace.Id, cancellationToken));
    }

    private static Task<IResult> OpenAsync(HttpContext http, int id, [FromBody] NewThreadRequest body, WorkspaceLoader loader, OpenThread open, CommentThreads threads, CurrentUser user, CancellationToken cancellationToken) =>
        WriteAsync(http, id, loader, threads, user, ws => open.HandleAsync(ws, user.Actor, body.Target, body.Text, cancellationToken), cancellationToken);

    private static Task<IResult> ReplyAsync(HttpContext http, int id, long thread, [FromBody] ReplyRequest body, WorkspaceLoader loader, ReplyToThread reply, CommentThreads threads, CurrentUser user, CancellationToken cancellationToken) =>
        WriteAsync(http, id, loader, threads, user, ws => reply.HandleAsync(ws, user.Actor, thread, body.Text, cancellationToken), cancellationToken);

    // The evaluation for the caller (404 outside their region), the scope of the caller's side, then the page's handler; done
    // answers the threads as they are now.
    private static async Task<IResult> WriteAsync(
        HttpContext http, int id, WorkspaceLoader loader, CommentThreads threads, CurrentUser user, Func<Workspace, Task<Outcome<Unit>>> write, CancellationToken cancellationToken)
    {
        if (await loader.LoadAsync(id, user.Actor, cancellationToken) is not { } workspace)
            return ApiProblems.Of<Unit>(Outcome.NotFound(Messages.EvaluationNotFound), http);
        var needed = user.IsCountyUser ? ApiScopes.FiguresWrite : ApiScopes.Review;
        if (!http.User.HasClaim(ApiTokenAuthentication.ScopeClaim, needed)) return ApiProblems.Of<Unit>(Outcome.Refused(Messages.ApiScopeMissing(needed)), http);
        var outcome = await write(workspace);
        return outcome.IsDone ? TypedResults.Ok(await ThreadsAsync(threads, workspace.Id, cancellationToken)) : ApiProblems.Of(outcome, http);
    }

    private static async Task<IReadOnlyList<ThreadDto>> ThreadsAsync(CommentThreads threads, int id, CancellationToken cancellationToken) =>
        (await threads.ListAsync(id, cancellationToken)).Select(ThreadDto.Of).ToList();
}
