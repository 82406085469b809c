using EduDuty.Core.Security;
using EduDuty.Core.Text;

namespace EduDuty.Core.Review;

/// <summary>Who is looking at an evaluation, as far as the rules care: their roles, and whether its county is under their region.</summary>
public sealed record Viewer(IReadOnlyCollection<string> Roles, bool InScope = true)
{
    public bool IsCountyUser => Roles.Contains(Security.Roles.CountyOfficial) || Roles.Contains(Security.Roles.CountyLead);

    public bool Is(string role) => Roles.Contains(role);
}

/// <summary>What the rules need to know about an evaluation: its state, its deadline, and the required figures still missing.</summary>
public sealed record EvaluationFacts(EvaluationStatus Status, DeadlineState Deadline, IReadOnlyList<string> MissingRequired)
{
    public EvaluationFacts(EvaluationStatus status, DeadlineState deadline)
        : this(status, deadline, [])
    {
    }
}

/// <summary>Something a user may do with an evaluation.</summary>
public enum EvaluationAction
{
    /// <summary>Change figures, texts, the report's settings, import: every content write.</summary>
    Edit,
    Submit,
    Return,
    Approve,
    Reopen,

    /// <summary>Set the year's deadline or a county's extension.</summary>
    SetDeadline,

    /// <summary>Judge a piece of evidence 充分 or 不充分 (a supervisor, while the evaluation is in review).</summary>
    JudgeEvidence,

    /// <summary>Grant or refuse a bonus claim, adjust an indicator's points (a supervisor, while the evaluation is in review).</summary>
    VerifyScore,

    /// <summary>Take last year's figures into a draft (the admin who opens the year, in the same step).</summary>
    CarryForward,
}

/// <summary>Whether an action is allowed and, when it is not, why and what to do, in words the user reads as they are.</summary>
public sealed record Permission(EvaluationAction Action, bool Allowed, string? Reason)
{
    public static Permission Allow(EvaluationAction action) => new(action, true, null);

    public static Permission Refuse(EvaluationAction action, string reason) => new(action, false, reason);
}

/// <summary>What the review panel shows a viewer: where the evaluation stands, and the actions that are theirs now.</summary>
public sealed record ReviewPanel(string Note, IReadOnlyList<Permission> Actions);

/// <summary>
/// What each role may do with an evaluation in each state: the one table. Every page, the database guard's twin
/// (the claim in the Application layer, kept equal by a table-driven test) and every refusal message come from here.
/// </summary>
public static class EvaluationPolicy
{
    public const string OutOfScope = "本评价不在您管辖的地区内。";
    public const string SubmittedLock = "评价已提交，正在等待督导审核，内容已锁定。如需修改，请联系督导人员退回。";
    public const string ApprovedLock = "评价已审核通过，内容已锁定。如需修改，请联系省级管理员重新开启（重新开启后由县级修改、再次提交）。";

    /// <summary>Whether the viewer may change the evaluation's content now (figures, texts, report settings, imports).</summary>
    public static Permission Edit(EvaluationFacts facts, Viewer viewer)
    {
        const EvaluationAction edit = EvaluationAction.Edit;
        if (!viewer.InScope) return Permission.Refuse(edit, OutOfScope);
        if (!viewer.IsCountyUser) return Permission.Refuse(edit, $"您的角色（{RoleNames(viewer)}）可以查看和发表意见，但不能修改县级填报的内容。");
        return LockOf(facts) is { } lockReason ? Permission.Refuse(edit, lockReason) : Permission.Allow(edit);
    }

    public static Permission Submit(EvaluationFacts facts, Viewer viewer)
    {
        const EvaluationAction submit = EvaluationAction.Submit;
        if (!viewer.InScope) return Permission.Refuse(submit, OutOfScope);
        if (!viewer.Is(Roles.CountyLead)) return Permission.Refuse(submit, "只有县级负责人可以提交评价。填写完成后，请联系本县负责人提交。");
        if (facts.Status == EvaluationStatus.Draft && facts.Deadline.BlocksDraft)
            return Permission.Refuse(submit, $"已过截止日期（{ChinaTime.Date(facts.Deadline.Due!.Value)}），不能提交。如需提交，请联系管理员延期。");
        if (LockOf(facts) is { } lockReason) return Permission.Refuse(submit, lockReason);
        if (facts.MissingRequired is { Count: > 0 } missing)
        {
            return Permission.Refuse(submit,
                $"还有 {missing.Count} 项必填数据未填写（{string.Join("、", missing.Take(5))}{(missing.Count > 5 ? " 等" : string.Empty)}），请填写完整后再提交。");
        }

        return Permission.Allow(submit);
    }

    public static Permission Return(EvaluationFacts facts, Viewer viewer) => Review(EvaluationAction.Return, "退回", facts, viewer);

    public static Permission Approve(EvaluationFacts facts, Viewer viewer) => Review(EvaluationAction.Approve, "审核通过", facts, viewer);

    /// <summary>Whether the viewer may judge the evaluation's evidence now: a supervisor, while it is submitted, as with returning it.</summary>
    public static Permission JudgeEvidence(EvaluationFacts facts, Viewer viewer) => Review(EvaluationAction.JudgeEvidence, "评定佐证材料", facts, viewer);

    /// <summary>Whether the viewer may verify the score now (grant or refuse bonus, adjust points): as with judging evidence.</summary>
    public static Permission VerifyScore(EvaluationFacts facts, Viewer viewer) => Review(EvaluationAction.VerifyScore, "核定得分", facts, viewer);

    /// <summary>
    /// Whether last year's figures may be written into the evaluation: by an admin of its region, while it is a draft (the year
    /// is being opened; the county has not started).
    /// </summary>
    public static Permission CarryForward(EvaluationFacts facts, Viewer viewer)
    {
        const EvaluationAction carry = EvaluationAction.CarryForward;
        if (!viewer.InScope) return Permission.Refuse(carry, OutOfScope);
        if (!viewer.Is(Roles.Admin)) return Permission.Refuse(carry, "只有管理员开启年度时可以带入上年数据。");
        return facts.Status == EvaluationStatus.Draft
            ? Permission.Allow(carry)
            : Permission.Refuse(carry, $"评价当前状态为“{facts.Status.DisplayName()}”，只有草稿可以带入上年数据。");
    }

    public static Permission Reopen(EvaluationFacts facts, Viewer viewer)
    {
        const EvaluationAction reopen = EvaluationAction.Reopen;
        if (!viewer.InScope) return Permission.Refuse(reopen, OutOfScope);
        if (!viewer.Is(Roles.Admin)) return Permission.Refuse(reopen, "只有管理员可以重新开启已通过的评价。");
        if (facts.Status != EvaluationStatus.Approved)
            return Permission.Refuse(reopen, $"评价当前状态为“{facts.Status.DisplayName()}”，只有已通过的评价可以重新开启。");
        return Permission.Allow(reopen);
    }

    public static Permission SetDeadline(Viewer viewer) => !viewer.InScope
        ? Permission.Refuse(EvaluationAction.SetDeadline, OutOfScope)
        : viewer.Is(Roles.Admin)
            ? Permission.Allow(EvaluationAction.SetDeadline)
            : Permission.Refuse(EvaluationAction.SetDeadline, "只有管理员可以设置截止日期和延期。");

    /// <summary>The rule of any action, by name: what the claims in SQL mirror and the table-driven test runs through.</summary>
    public static Permission Decide(EvaluationAction action, EvaluationFacts facts, Viewer viewer) => action switch
    {
        EvaluationAction.Edit => Edit(facts, viewer),
        EvaluationAction.Submit => Submit(facts, viewer),
        EvaluationAction.Return => Return(facts, viewer),
        EvaluationAction.Approve => Approve(facts, viewer),
        EvaluationAction.Reopen => Reopen(facts, viewer),
        EvaluationAction.SetDeadline => SetDeadline(viewer),
        EvaluationAction.JudgeEvidence => JudgeEvidence(facts, viewer),
        EvaluationAction.VerifyScore => VerifyScore(facts, viewer),
        EvaluationAction.CarryForward => CarryForward(facts, viewer),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>
    /// The review panel for this viewer: a note on where the evaluation stands, and the transitions that are the viewer's to
    /// take in this state (allowed, or refused with the reason): the lead's submit while the county edits, the supervisor's
    /// return and approval while it is submitted, the admin's reopening once it is approved.
    /// </summary>
    public static ReviewPanel Panel(EvaluationFacts facts, Viewer viewer)
    {
        var actions = new List<Permission>();
        var editable = ReviewWorkflow.IsEditable(facts.Status);
        if (editable && viewer.IsCountyUser) actions.Add(Submit(facts, viewer));
        if (facts.Status == EvaluationStatus.Submitted && viewer.Is(Roles.Supervisor))
        {
            actions.Add(Return(facts, viewer));
            actions.Add(Approve(facts, viewer));
        }

        if (facts.Status == EvaluationStatus.Approved && viewer.Is(Roles.Admin)) actions.Add(Reopen(facts, viewer));
        return new ReviewPanel(Note(facts, viewer), actions);
    }

    private static string Note(EvaluationFacts facts, Viewer viewer) => facts.Status switch
    {
        EvaluationStatus.Draft when facts.Deadline.BlocksDraft => $"已过截止日期（{ChinaTime.Date(facts.Deadline.Due!.Value)}），内容只读。如需继续填报，请联系管理员延期。",
        EvaluationStatus.Draft => viewer.IsCountyUser ? "草稿：填写完成后，由县级负责人提交。" : "县级尚未提交。",
        EvaluationStatus.Returned => viewer.IsCountyUser ? "已退回：请按审核意见修改，再由县级负责人重新提交。" : "已退回县级修改，等待重新提交。",
        EvaluationStatus.Submitted => viewer.Is(Roles.Supervisor) ? "县级已提交，请审核：退回修改，或审核通过。" : "已提交，等待督导审核；内容已锁定。",
        _ => viewer.Is(Roles.Admin) ? "已审核通过，内容已锁定。如需重新开启，请写明理由。" : ApprovedLock,
    };

    // Why the content is locked in this state, or null when the county may change it.
    private static string? LockOf(EvaluationFacts facts) => facts.Status switch
    {
        EvaluationStatus.Submitted => SubmittedLock,
        EvaluationStatus.Approved => ApprovedLock,
        EvaluationStatus.Draft when facts.Deadline.BlocksDraft =>
            $"已过截止日期（{ChinaTime.Date(facts.Deadline.Due!.Value)}），内容只读。如需继续填报，请联系管理员延期。",
        _ => null,
    };

    private static Permission Review(EvaluationAction action, string verb, EvaluationFacts facts, Viewer viewer)
    {
        if (!viewer.InScope) return Permission.Refuse(action, OutOfScope);
        if (!viewer.Is(Roles.Supervisor)) return Permission.Refuse(action, $"只有督导人员可以{verb}评价。");
        return facts.Status switch
        {
            EvaluationStatus.Submitted => Permission.Allow(action),
            EvaluationStatus.Approved => Permission.Refuse(action, ApprovedLock),
            _ => Permission.Refuse(action, $"县级尚未提交（当前状态“{facts.Status.DisplayName()}”），只有已提交的评价可以{verb}。"),
        };
    }

    private static string RoleNames(Viewer viewer) => string.Join("、", viewer.Roles.Select(Roles.DisplayName));
}
