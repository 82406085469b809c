using System.ComponentModel;
using EduDuty.Application.Evaluations.Comments;
using EduDuty.Data.Entities;

namespace EduDuty.Web.Api.Endpoints;

[Description("一条意见或回复：authorRole 为作者的角色，returnReason 为 true 时是退回理由。")]
public sealed record CommentDto(long Id, string Text, string Author, string AuthorRole, DateTime At, bool ReturnReason)
{
    public static CommentDto Of(ReviewComment c) => new(c.Id, c.Text, c.AuthorDisplayName, c.AuthorRole, c.AtUtc, c.IsReturnReason);
}

[Description("一个意见主题：target 为指标代码或领域键（null 为整个评价），targetKind 为 indicator、area 或 evaluation；open 为尚未解决。")]
public sealed record ThreadDto(long Id, string TargetKind, string? Target, bool Open, CommentDto Root, IReadOnlyList<CommentDto> Replies)
{
    public static ThreadDto Of(CommentThread t) => new(t.Root.Id, t.Root.TargetKind switch
    {
        CommentTarget.Indicator => "indicator",
        CommentTarget.Area => "area",
        _ => "evaluation",
    }, t.Root.Target, t.IsOpen, CommentDto.Of(t.Root), t.Replies.Select(CommentDto.Of).ToList());
}

[Description("发表意见：target 为指标代码或领域键，留空为针对整个评价；text 为内容。")]
public sealed record NewThreadRequest(string? Target, string? Text);

[Description("回复：text 为内容。")]
public sealed record ReplyRequest(string? Text);
