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

/// <summary>
/// What a transition brings beyond the evaluation and the viewer: the reasons given (for an approval, the reviewer's
/// opinion), the confirmation ticked on the page (a submission: the failing indicators were looked at; an approval: it goes
/// ahead although comment threads are still open), and how many threads are open.
/// </summary>
public sealed record TransitionRequest(ReviewAction Action, string? Reason = null, int ReasonCount = 0, bool Confirmed = false, int OpenThreads = 0);

public sealed record TransitionDecision(EvaluationStatus? To, string? Refusal)
{
    public bool IsAllowed => To is not null;

    public static TransitionDecision Allow(EvaluationStatus to) => new(to, null);

    public static TransitionDecision Refuse(string why) => new(null, why);
}

/// <summary>
/// The review state machine: Draft → Submitted → (Returned → Submitted)* → Approved, and Approved → Returned when an admin
/// reopens. Only Draft and Returned can be edited. Who may take which step is <see cref="EvaluationPolicy"/>'s table; this adds
/// what a step needs besides (reasons) and where it leads. Every refusal says why and what to do.
/// </summary>
public static class ReviewWorkflow
{
    public static bool IsEditable(EvaluationStatus status) => status is EvaluationStatus.Draft or EvaluationStatus.Returned;

    public static TransitionDecision Decide(EvaluationFacts facts, Viewer viewer, TransitionRequest request)
    {
        var permission = request.Action switch
        {
            ReviewAction.Submit => EvaluationPolicy.Submit(facts, viewer),
            ReviewAction.Return => EvaluationPolicy.Return(facts, viewer),
            ReviewAction.Approve => EvaluationPolicy.Approve(facts, viewer),
            ReviewAction.Reopen => EvaluationPolicy.Reopen(facts, viewer),
            _ => Permission.Refuse(EvaluationAction.Edit, "未知的操作。"),
        };
        if (!permission.Allowed) return TransitionDecision.Refuse(permission.Reason!);

        switch (request.Action)
        {
            case ReviewAction.Submit when !request.Confirmed:
                return TransitionDecision.Refuse("提交前请核对未达标指标，并勾选“我已核对以上未达标指标，确认提交”。");
            case ReviewAction.Submit:
                return TransitionDecision.Allow(EvaluationStatus.Submitted);
            case ReviewAction.Return when request.ReasonCount < 1:
                return TransitionDecision.Refuse("退回时请至少写明一条针对具体指标或领域的理由。");
            case ReviewAction.Return:
                return TransitionDecision.Allow(EvaluationStatus.Returned);
            case ReviewAction.Approve when string.IsNullOrWhiteSpace(request.Reason):
                return TransitionDecision.Refuse("审核通过时请填写审核意见，例如“经审核，同意通过”。审核意见将显示给县级，并记入审核记录。");
            case ReviewAction.Approve when request.OpenThreads > 0 && !request.Confirmed:
                return TransitionDecision.Refuse($"还有 {request.OpenThreads} 条审核意见尚未解决。请先处理，或勾选“仍然审核通过”后再提交。");
            case ReviewAction.Approve:
                return TransitionDecision.Allow(EvaluationStatus.Approved);
            default:
                return string.IsNullOrWhiteSpace(request.Reason)
                    ? TransitionDecision.Refuse("重新开启时请写明理由。")
                    : TransitionDecision.Allow(EvaluationStatus.Returned);
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
