using EduDuty.Core.Security;

namespace EduDuty.Core.Review;

public enum ReviewAction
{
    /// <summary>县级负责人 hands the evaluation in (from a draft or after a return).</summary>
    Submit,

    /// <summary>A supervisor sends it back to the county with reasons.</summary>
    Return,

    /// <summary>A supervisor accepts it; the return is locked.</summary>
    Approve,

    /// <summary>An admin reopens an approved evaluation, with a reason.</summary>
    Reopen,
}

/// <summary>What a transition needs to know beyond the states: who asks, and what they bring.</summary>
public sealed record TransitionRequest(
    ReviewAction Action,
    IReadOnlyCollection<string> ActorRoles,
    string? Reason = null,
    int ReasonCount = 0,
    IReadOnlyCollection<string>? MissingRequired = null,
    bool PastDeadline = false);

public sealed record TransitionDecision(EvaluationStatus? To, string? Refusal)
{
    public bool IsAllowed => To is not null;

    public static TransitionDecision Allow(EvaluationStatus to) => new(to, null);

    public static TransitionDecision Refuse(string why) => new(null, why);
}

/// <summary>
/// The review state machine: Draft → Submitted → (Returned → Submitted)* → Approved, and Approved → Returned when an admin
/// reopens. Only Draft and Returned can be edited. Every refusal says why and what to do.
/// </summary>
public static class ReviewWorkflow
{
    public static bool IsEditable(EvaluationStatus status) => status is EvaluationStatus.Draft or EvaluationStatus.Returned;

    public static TransitionDecision Decide(EvaluationStatus from, TransitionRequest request)
    {
        var roles = request.ActorRoles;
        switch (request.Action)
        {
            case ReviewAction.Submit:
                if (!roles.Contains(Roles.CountyLead)) return TransitionDecision.Refuse("只有县级负责人可以提交评价，请联系本县负责人提交。");
                if (!IsEditable(from)) return TransitionDecision.Refuse($"评价当前状态为“{from.DisplayName()}”，不能再次提交。");
                if (request.PastDeadline) return TransitionDecision.Refuse("已过截止日期，不能提交。如需提交，请联系管理员延期。");
                if (request.MissingRequired is { Count: > 0 } missing)
                {
                    return TransitionDecision.Refuse($"还有 {missing.Count} 项必填数据未填写（{string.Join("、", missing.Take(5))}{(missing.Count > 5 ? " 等" : string.Empty)}），请填写完整后再提交。");
                }

                return TransitionDecision.Allow(EvaluationStatus.Submitted);

            case ReviewAction.Return:
                if (!roles.Contains(Roles.Supervisor)) return TransitionDecision.Refuse("只有督导人员可以退回评价。");
                if (from != EvaluationStatus.Submitted) return TransitionDecision.Refuse($"评价当前状态为“{from.DisplayName()}”，只有已提交的评价可以退回。");
                if (request.ReasonCount < 1) return TransitionDecision.Refuse("退回时请至少写明一条针对具体指标或领域的理由。");
                return TransitionDecision.Allow(EvaluationStatus.Returned);

            case ReviewAction.Approve:
                if (!roles.Contains(Roles.Supervisor)) return TransitionDecision.Refuse("只有督导人员可以审核通过评价。");
                if (from != EvaluationStatus.Submitted) return TransitionDecision.Refuse($"评价当前状态为“{from.DisplayName()}”，只有已提交的评价可以审核通过。");
                return TransitionDecision.Allow(EvaluationStatus.Approved);

            case ReviewAction.Reopen:
                if (!roles.Contains(Roles.Admin)) return TransitionDecision.Refuse("只有管理员可以重新打开已通过的评价。");
                if (from != EvaluationStatus.Approved) return TransitionDecision.Refuse($"评价当前状态为“{from.DisplayName()}”，只有已通过的评价可以重新打开。");
                if (string.IsNullOrWhiteSpace(request.Reason)) return TransitionDecision.Refuse("重新打开时请写明理由。");
                return TransitionDecision.Allow(EvaluationStatus.Returned);

            default:
                return TransitionDecision.Refuse("未知的操作。");
        }
    }

    public static string DisplayName(this ReviewAction action) => action switch
    {
        ReviewAction.Submit => "提交",
        ReviewAction.Return => "退回",
        ReviewAction.Approve => "审核通过",
        _ => "重新打开",
    };
}
