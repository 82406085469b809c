using EduDuty.Application.Writes;
using EduDuty.Core.Figures;
using EduDuty.Core.Messaging;
using EduDuty.Core.Text;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Comments;

/// <summary>What the comment writes share: the text's rule, a comment as stored, the thread it belongs to, who hears of it.</summary>
public sealed class CommentWriting(EduDutyDbContext db, Notifications.Inbox inbox, TimeProvider clock)
{
    /// <summary>Null when the text may be stored; else the problem (empty, too long, control characters: the one wording).</summary>
    public static FieldProblem? Problem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new FieldProblem("Text", "请填写意见内容。");
        return ReasonText.Check(text, "意见", CommentThreads.MaxLength) is { } bad ? new FieldProblem("Text", bad.Text) : null;
    }

    /// <summary>The thread's opening comment in this evaluation, tracked; null when there is none.</summary>
    public Task<ReviewComment?> RootAsync(int evaluationId, long threadId, CancellationToken cancellationToken) =>
        db.ReviewComments.SingleOrDefaultAsync(c => c.Id == threadId && c.EvaluationId == evaluationId && c.ParentId == null, cancellationToken);

    /// <summary>Stages a comment by the actor.</summary>
    public void Add(int evaluationId, Actor actor, long? parent, CommentTarget kind, string? target, string text) => db.ReviewComments.Add(new ReviewComment
    {
        EvaluationId = evaluationId, ParentId = parent, TargetKind = kind, Target = target, Text = text.Trim(),
        AuthorId = actor.Id, AuthorDisplayName = actor.DisplayName, AuthorRole = actor.PrimaryRole,
        AtUtc = clock.GetUtcNow().UtcDateTime,
    });

    /// <summary>
    /// Stages the other side's notification of a new comment or reply: the county's users when a supervisor (or admin) writes,
    /// the county's supervisors when the county writes.
    /// </summary>
    public async Task NotifyAsync(Workspace workspace, Actor actor, string what, string? target, string text, CancellationToken cancellationToken)
    {
        var recipients = actor.IsCountyUser
            ? await inbox.SupervisorsAsync(workspace.CountyPath, cancellationToken)
            : await inbox.CountyUsersAsync(workspace.CountyPath, cancellationToken);
        var about = workspace.Scheme.DescribeTarget(target);
        inbox.Add(recipients, actor.Id, NotificationKind.Comment, $"{workspace.County} {workspace.Year}年度：{actor.DisplayName}对“{about}”{what}：{text.Trim()}",
            $"/Evaluations/{workspace.Id}/Comments", $"comment:{Guid.NewGuid():N}");
    }
}
