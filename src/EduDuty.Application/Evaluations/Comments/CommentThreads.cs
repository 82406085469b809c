using EduDuty.Application.Writes;
using EduDuty.Core.Figures;
using EduDuty.Core.Messaging;
using EduDuty.Core.Text;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Comments;

/// <summary>A thread: the comment that opened it and the replies, oldest first.</summary>
public sealed record CommentThread(ReviewComment Root, IReadOnlyList<ReviewComment> Replies)
{
    public ReviewComment Last => Replies.Count > 0 ? Replies[^1] : Root;

    public bool IsOpen => !Root.IsResolved;

    /// <summary>Open, and the last word is the other side's: the county waits for the supervisor or the other way round.</summary>
    public bool AwaitsReplyFrom(bool countySide) => IsOpen && CommentThreads.IsCountyRole(Last.AuthorRole) != countySide;

    /// <summary>Groups comments (any order) into threads.</summary>
    public static List<CommentThread> Of(IEnumerable<ReviewComment> comments)
    {
        var list = comments.OrderBy(c => c.Id).ToList();
        var replies = list.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
        return list.Where(c => c.ParentId is null).Select(c => new CommentThread(c, replies[c.Id].ToList())).ToList();
    }
}

/// <summary>
/// The conversation between a county and its supervisors: threads on an indicator, an area or the whole evaluation,
/// answered by either side and resolved or reopened by either side. Anyone who may see the evaluation may take part (the
/// workspace is loaded only within the viewer's region), in any state: a comment is not the evaluation's content, so it is
/// neither decided by <see cref="Core.Review.EvaluationPolicy"/> nor claimed like content writes; a thread opened while a
/// supervisor approves is simply one more thread after it. The writes (<see cref="OpenThread"/>, <see cref="ReplyToThread"/>,
/// <see cref="SetThreadResolved"/>) each go through the <see cref="Writes.WriteExecutor"/>, the comment and the other side's
/// notification in one transaction; this is the reading side.
/// </summary>
public sealed class CommentThreads(EduDutyDbContext db)
{
    public const int MaxLength = 2000;

    public static bool IsCountyRole(string role) => role is Roles.CountyOfficial or Roles.CountyLead;

    public async Task<IReadOnlyList<CommentThread>> ListAsync(int evaluationId, CancellationToken cancellationToken) =>
        Of(await CommentsAsync(evaluationId, cancellationToken));

    /// <summary>Every comment of the evaluation (a page that also picks the return reasons from them).</summary>
    public async Task<IReadOnlyList<ReviewComment>> CommentsAsync(int evaluationId, CancellationToken cancellationToken) =>
        await db.ReviewComments.AsNoTracking().Where(c => c.EvaluationId == evaluationId).ToListAsync(cancellationToken);

    /// <summary>The threads of these comments, the latest first.</summary>
    public static IReadOnlyList<CommentThread> Of(IEnumerable<ReviewComment> comments) => CommentThread.Of(comments).OrderByDescending(t => t.Last.Id).ToList();
}
