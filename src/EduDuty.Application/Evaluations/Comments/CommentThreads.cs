using EduDuty.Core.Figures;
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
/// answered by either side and resolved or reopened by either side. Anyone who may see the evaluation may take part.
/// </summary>
public sealed class CommentThreads(EduDutyDbContext db, Notifications.Inbox inbox, TimeProvider clock)
{
    public const int MaxLength = 2000;

    public static bool IsCountyRole(string role) => role is Roles.CountyOfficial or Roles.CountyLead;

    public async Task<IReadOnlyList<CommentThread>> ListAsync(int evaluationId, CancellationToken cancellationToken)
    {
        var comments = await db.ReviewComments.AsNoTracking().Where(c => c.EvaluationId == evaluationId).ToListAsync(cancellationToken);
        return CommentThread.Of(comments).OrderByDescending(t => t.Last.Id).ToList();
    }

    public async Task<string?> OpenAsync(Workspace workspace, Actor actor, string? target, string? text, CancellationToken cancellationToken)
    {
        if (Problem(text) is { } problem) return problem;
        CommentTarget kind;
        if (string.IsNullOrWhiteSpace(target)) kind = CommentTarget.Evaluation;
        else if (workspace.Scheme.FindField(target) is not null) kind = CommentTarget.Indicator;
        else if (workspace.Scheme.FindArea(target) is not null) kind = CommentTarget.Area;
        else return $"“{target}”不是本方案的指标或领域，请重新选择。";

        db.ReviewComments.Add(New(workspace.Id, actor, null, kind, string.IsNullOrWhiteSpace(target) ? null : target, text!));
        await NotifyAsync(workspace, actor, "发表了意见", target, text!, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<string?> ReplyAsync(Workspace workspace, Actor actor, long threadId, string? text, CancellationToken cancellationToken)
    {
        if (Problem(text) is { } problem) return problem;
        var root = await Root(workspace.Id, threadId, cancellationToken);
        if (root is null) return "这条意见不存在，请刷新页面。";
        db.ReviewComments.Add(New(workspace.Id, actor, root.Id, root.TargetKind, root.Target, text!));
        await NotifyAsync(workspace, actor, "回复了意见", root.Target, text!, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<string?> SetResolvedAsync(Workspace workspace, Actor actor, long threadId, bool resolved, CancellationToken cancellationToken)
    {
        var root = await Root(workspace.Id, threadId, cancellationToken);
        if (root is null) return "这条意见不存在，请刷新页面。";
        root.IsResolved = resolved;
        db.ReviewComments.Add(New(workspace.Id, actor, root.Id, root.TargetKind, root.Target, resolved ? "（标记为已解决）" : "（重新打开）"));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    // The other side hears of a new comment or reply: the county's users when a supervisor (or admin) writes, the county's
    // supervisors when the county writes.
    private async Task NotifyAsync(Workspace workspace, Actor actor, string what, string? target, string text, CancellationToken cancellationToken)
    {
        var recipients = actor.IsCountyUser
            ? await inbox.SupervisorsAsync(workspace.CountyPath, cancellationToken)
            : await inbox.CountyUsersAsync(workspace.CountyPath, cancellationToken);
        var about = workspace.Scheme.DescribeTarget(target);
        inbox.Add(recipients, actor.Id, NotificationKind.Comment, $"{workspace.County} {workspace.Year}年度：{actor.DisplayName}对“{about}”{what}：{text}",
            $"/Evaluations/{workspace.Id}/Comments", $"comment:{Guid.NewGuid():N}");
    }

    private Task<ReviewComment?> Root(int evaluationId, long threadId, CancellationToken cancellationToken) =>
        db.ReviewComments.SingleOrDefaultAsync(c => c.Id == threadId && c.EvaluationId == evaluationId && c.ParentId == null, cancellationToken);

    private ReviewComment New(int evaluationId, Actor actor, long? parent, CommentTarget kind, string? target, string text) => new()
    {
        EvaluationId = evaluationId, ParentId = parent, TargetKind = kind, Target = target, Text = text.Trim(),
        AuthorId = actor.Id, AuthorDisplayName = actor.DisplayName, AuthorRole = actor.PrimaryRole,
        AtUtc = clock.GetUtcNow().UtcDateTime,
    };

    private static string? Problem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "请填写意见内容。";
        if (text.Length > MaxLength) return $"意见最多 {MaxLength} 个字符，请精简。";
        if (PlainText.HasControlCharacters(text)) return "意见中含有不可见的控制字符，请删除后重新提交。";
        return null;
    }
}
