using EduDuty.Application.Writes;
using EduDuty.Core.Figures;
using EduDuty.Core.Messaging;
using EduDuty.Core.Text;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Comments;

/// <summary>Opens a thread on an indicator, an area or (no target) the whole evaluation; the other side is notified.</summary>
public sealed class OpenThread(CommentWriting comments, WriteExecutor executor)
{
    public async Task<Outcome<Unit>> HandleAsync(Workspace workspace, Actor actor, string? target, string? text, CancellationToken cancellationToken)
    {
        if (CommentWriting.Problem(text) is { } problem) return Outcome.Invalid([problem]);
        var given = string.IsNullOrWhiteSpace(target) ? null : target.Trim();
        CommentTarget kind;
        if (given is null) kind = CommentTarget.Evaluation;
        else if (workspace.Scheme.FindField(given) is not null) kind = CommentTarget.Indicator;
        else if (workspace.Scheme.FindArea(given) is not null) kind = CommentTarget.Area;
        else return Outcome.Invalid("Target", $"“{given}”不是本方案的指标或领域，请重新选择。");

        return await executor.ExecuteAsync<Unit>($"comment on evaluation {workspace.Id} by {actor.Id}", async (_, ct) =>
        {
            comments.Add(workspace.Id, actor, null, kind, given, text!);
            await comments.NotifyAsync(workspace, actor, "发表了意见", given, text!, ct);
            return Outcome.Done();
        }, cancellationToken);
    }
}
