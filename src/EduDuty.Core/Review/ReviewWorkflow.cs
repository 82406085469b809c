using EduDuty.Core.Messaging;

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
public sealed record TransitionRequest(ReviewAction Action, string? Reason = null, int ReasonCount = 0, bool Confirmed = false, int OpenThreads = 0)
{
    /// <summary>A submission: the report's body against the scheme's limit; null when the scheme sets none (nothing to ask).</summary>
    public Reports.ReportLength? Length { get; init; }

    /// <summary>A submission: the lead ticked "正文超过字数上限，仍然提交".</summary>
    public bool OverLengthConfirmed { get; init; }

    /// <summary>A submission: how many data warnings (数据提示: plausibility rules, consistency checks) are open.</summary>
    public int OpenWarnings { get; init; }

    /// <summary>A submission: the lead ticked "以上数据提示已核对，确属实，仍然提交".</summary>
    public bool WarningsConfirmed { get; init; }

    /// <summary>A submission: the warnings open now are not the ones the page listed when the lead ticked (attacker's review).</summary>
    public bool WarningsChanged { get; init; }

    /// <summary>A submission: how many departments have fields not accepted by the county yet (issue 30); 0 without departments.</summary>
    public int PendingDepartments { get; init; }

    /// <summary>A submission: the lead ticked "部门数据尚未全部采纳，仍然提交".</summary>
    public bool DepartmentsConfirmed { get; init; }

    /// <summary>A submission: the lead's reason for submitting with departments not accepted (required with the tick).</summary>
    public string? DepartmentsReason { get; init; }
}

public sealed record TransitionDecision(EvaluationStatus? To, Message? Refusal)
{
    public bool IsAllowed => To is not null;

    public static TransitionDecision Allow(EvaluationStatus to) => new(to, null);

    public static TransitionDecision Refuse(Message why) => new(null, why);
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
            _ => Permission.Refuse(EvaluationAction.Edit, Messages.UnknownAction),
        };
        if (!permission.Allowed) return TransitionDecision.Refuse(permission.Refusal!);

        switch (request.Action)
        {
            case ReviewAction.Submit when !request.Confirmed:
                return TransitionDecision.Refuse(Messages.SubmitUnconfirmed);
            case ReviewAction.Submit when request.Length is { IsOver: true } length && !request.OverLengthConfirmed:
                // A body over the scheme's limit is the lead's call once it is said (issue 25): a question, never a refusal.
                return TransitionDecision.Refuse(Messages.ReportOverLength(length.Count, length.Limit!.Value));
            case ReviewAction.Submit when request.OpenWarnings > 0 && request.WarningsConfirmed && request.WarningsChanged:
                // The tick was given to another list: asked again with the list as it is now.
                return TransitionDecision.Refuse(Messages.WarningsChanged(request.OpenWarnings));
            case ReviewAction.Submit when request.OpenWarnings > 0 && !request.WarningsConfirmed:
                // Open data warnings are the lead's call once listed (issue 26): a question, never a refusal.
                return TransitionDecision.Refuse(Messages.WarningsUnconfirmed(request.OpenWarnings));
            case ReviewAction.Submit when request.PendingDepartments > 0 && !request.DepartmentsConfirmed:
                // Departments' parts not accepted yet (issue 30): the lead's call once listed, with a reason on record.
                return TransitionDecision.Refuse(Messages.DepartmentsPending(request.PendingDepartments));
            case ReviewAction.Submit when request.PendingDepartments > 0 && string.IsNullOrWhiteSpace(request.DepartmentsReason):
                return TransitionDecision.Refuse(Messages.DepartmentsPendingNeedsReason(request.PendingDepartments));
            case ReviewAction.Submit:
                return TransitionDecision.Allow(EvaluationStatus.Submitted);
            case ReviewAction.Return when request.ReasonCount < 1:
                return TransitionDecision.Refuse(Messages.ReturnNeedsReason);
            case ReviewAction.Return:
                return TransitionDecision.Allow(EvaluationStatus.Returned);
            case ReviewAction.Approve when string.IsNullOrWhiteSpace(request.Reason):
                return TransitionDecision.Refuse(Messages.ApproveNeedsOpinion);
            case ReviewAction.Approve when request.OpenThreads > 0 && !request.Confirmed:
                return TransitionDecision.Refuse(Messages.OpenThreads(request.OpenThreads));
            case ReviewAction.Approve:
                return TransitionDecision.Allow(EvaluationStatus.Approved);
            default:
                return string.IsNullOrWhiteSpace(request.Reason)
                    ? TransitionDecision.Refuse(Messages.ReopenNeedsReason)
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
