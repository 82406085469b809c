using EduDuty.Application.Writes;
using EduDuty.Core.Figures;
using EduDuty.Core.Messaging;
using EduDuty.Core.Text;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Comments;

/// <summary>Marks a thread resolved or opens it again, recorded in the thread as a comment of its own (no notification).</summary>
public sealed class SetThreadResolved(CommentWriting comments, WriteExecutor executor)
{
    public Task<Outcome<Unit>> HandleAsync(Workspace workspace, Actor actor, long threadId, bool resolved, CancellationToken cancellationToken) =>
        executor.ExecuteAsync<Unit>($"{(resolved ? "resolving" : "reopening")} thread {threadId} of evaluation {workspace.Id} by {actor.Id}", async (_, ct) =>
        {
            if (await comments.RootAsync(workspace.Id, threadId, ct) is not { } root) return Outcome.NotFound(Messages.ThreadNotFound);
            root.IsResolved = resolved;
            comments.Add(workspace.Id, actor, root.Id, root.TargetKind, root.Target, resolved ? "（标记为已解决）" : "（重新打开）");
            return Outcome.Done();
        }, cancellationToken);
}
