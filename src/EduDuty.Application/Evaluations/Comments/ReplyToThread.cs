using EduDuty.Application.Writes;
using EduDuty.Core.Figures;
using EduDuty.Core.Messaging;
using EduDuty.Core.Text;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Comments;

/// <summary>Replies in a thread of the evaluation; the other side is notified.</summary>
public sealed class ReplyToThread(CommentWriting comments, WriteExecutor executor)
{
    public async Task<Outcome<Unit>> HandleAsync(Workspace workspace, Actor actor, long threadId, string? text, CancellationToken cancellationToken)
    {
        if (CommentWriting.Problem(text) is { } problem) return Outcome.Invalid([problem]);
        return await executor.ExecuteAsync<Unit>($"reply in thread {threadId} of evaluation {workspace.Id} by {actor.Id}", async (_, ct) =>
        {
            if (await comments.RootAsync(workspace.Id, threadId, ct) is not { } root) return Outcome.NotFound(Messages.ThreadNotFound);
            comments.Add(workspace.Id, actor, root.Id, root.TargetKind, root.Target, text!);
            await comments.NotifyAsync(workspace, actor, "回复了意见", root.Target, text!, ct);
            return Outcome.Done();
        }, cancellationToken);
    }
}
