using EduDuty.Core.Departments;
using EduDuty.Core.Messaging;
using EduDuty.Core.Security;

namespace EduDuty.Core.Review;

/// <summary>Who is looking at an evaluation, as far as the rules care: their roles, and whether its county is under their region.</summary>
public sealed record Viewer(IReadOnlyCollection<string> Roles, bool InScope = true)
{
    public bool IsCountyUser => Roles.Contains(Security.Roles.CountyOfficial) || Roles.Contains(Security.Roles.CountyLead);

    /// <summary>The department of a department user (issue 30); null for everyone else.</summary>
    public int? DepartmentId { get; init; }

    /// <summary>A 部门填报人员: writes only the fields of its department (<see cref="EvaluationPolicy.EditField"/>).</summary>
    public bool IsDepartmentUser => Roles.Contains(Security.Roles.DepartmentOfficial);

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

    /// <summary>A department user writes the fields of its department (issue 30); which fields, <see cref="EvaluationPolicy.EditField"/> decides.</summary>
    DepartmentEdit,

    /// <summary>A department sends its part to the county (报送).</summary>
    DepartmentSubmit,

    /// <summary>A county user accepts (采纳) or returns (退回) fields a department sent.</summary>
    DepartmentReview,

    /// <summary>
    /// A closed satisfaction survey's results written into the scheme fields it fills (issue 31, 来自满意度调查): an admin of the
    /// region (the command line, the worker), in every state but approved — an approved evaluation is never changed.
    /// </summary>
    SurveyFill,
}

/// <summary>Whether an action is allowed and, when it is not, why and what to do (<see cref="Refusal"/>, from the catalogue).</summary>
public sealed record Permission(EvaluationAction Action, bool Allowed, Message? Refusal)
{
    /// <summary>The refusal's text, as the user reads it.</summary>
    public string? Reason => Refusal?.Text;

    public static Permission Allow(EvaluationAction action) => new(action, true, null);

    public static Permission Refuse(EvaluationAction action, Message reason) => new(action, false, reason);
}

/// <summary>What the review panel shows a viewer: where the evaluation stands, and the actions that are theirs now.</summary>
public sealed record ReviewPanel(string Note, IReadOnlyList<Permission> Actions);

/// <summary>
/// What each role may do with an evaluation in each state: the one table. Every page, the database guard's twin
/// (the claim in the Application layer, kept equal by a table-driven test) and every refusal message come from here.
/// </summary>
public static class EvaluationPolicy
{
    /// <summary>Whether the viewer may change the evaluation's content now (figures, texts, report settings, imports).</summary>
    public static Permission Edit(EvaluationFacts facts, Viewer viewer) => Edit(EvaluationAction.Edit, facts, viewer);

    /// <summary>
    /// Whether a department user may write its department's fields now (which fields: <see cref="EditField"/>): in scope, with
    /// a department, while the county may edit (the same locks: submitted, approved, a draft past its deadline).
    /// </summary>
    public static Permission DepartmentEdit(EvaluationFacts facts, Viewer viewer) => Department(EvaluationAction.DepartmentEdit, facts, viewer);

    /// <summary>Whether a department may send its part to the county now: as <see cref="DepartmentEdit"/>.</summary>
    public static Permission DepartmentSubmit(EvaluationFacts facts, Viewer viewer) => Department(EvaluationAction.DepartmentSubmit, facts, viewer);

    /// <summary>Whether a county user may accept or return a department's fields now: as <see cref="Edit"/>.</summary>
    public static Permission DepartmentReview(EvaluationFacts facts, Viewer viewer) => Edit(EvaluationAction.DepartmentReview, facts, viewer);

    /// <summary>
    /// Whether the viewer may change this one entered field now (issue 30). A county user: as <see cref="Edit"/> — the county
    /// may change any field, a department's accepted one too (audited as the county's change; the department is told). A
    /// department user: as <see cref="DepartmentEdit"/>, and only a field of its department that is with it (not sent and
    /// waiting for the county, not accepted).
    /// </summary>
    public static Permission EditField(EvaluationFacts facts, Viewer viewer, FieldOwner owner)
    {
        if (!viewer.IsDepartmentUser)
        {
            var county = Edit(facts, viewer);
            return county.Allowed && owner.FromSurvey ? Permission.Refuse(EvaluationAction.Edit, Messages.SurveyFedField(owner.Code)) : county;
        }

        var department = DepartmentEdit(facts, viewer);
        if (!department.Allowed) return department;
        const EvaluationAction edit = EvaluationAction.DepartmentEdit;
        if (owner.FromSurvey) return Permission.Refuse(edit, Messages.SurveyFedField(owner.Code));
        if (owner.DepartmentId is null || owner.DepartmentId != viewer.DepartmentId) return Permission.Refuse(edit, Messages.NotYourDepartmentField(owner.Code));
        return owner.Status switch
        {
            DepartmentFieldStatus.Submitted => Permission.Refuse(edit, Messages.DepartmentFieldSubmitted(owner.Code)),
            DepartmentFieldStatus.Accepted => Permission.Refuse(edit, Messages.DepartmentFieldAccepted(owner.Code)),
            _ => department,
        };
    }

    // The county's content: a county user in scope while the county may edit; a department user is sent to its own page.
    private static Permission Edit(EvaluationAction action, EvaluationFacts facts, Viewer viewer)
    {
        if (!viewer.InScope) return Permission.Refuse(action, Messages.OutOfScope);
        if (viewer.IsDepartmentUser && !viewer.IsCountyUser) return Permission.Refuse(action, Messages.DepartmentUseOwnPage);
        if (!viewer.IsCountyUser) return Permission.Refuse(action, Messages.ReadOnlyRole(RoleNames(viewer)));
        return LockOf(facts) is { } lockReason ? Permission.Refuse(action, lockReason) : Permission.Allow(action);
    }

    private static Permission Department(EvaluationAction action, EvaluationFacts facts, Viewer viewer)
    {
        if (!viewer.InScope) return Permission.Refuse(action, Messages.OutOfScope);
        if (!viewer.IsDepartmentUser) return Permission.Refuse(action, Messages.OnlyDepartmentUsers);
        if (viewer.DepartmentId is null) return Permission.Refuse(action, Messages.DepartmentMissing);
        return LockOf(facts) is { } lockReason ? Permission.Refuse(action, lockReason) : Permission.Allow(action);
    }

    public static Permission Submit(EvaluationFacts facts, Viewer viewer)
    {
        const EvaluationAction submit = EvaluationAction.Submit;
        if (!viewer.InScope) return Permission.Refuse(submit, Messages.OutOfScope);
        if (!viewer.Is(Roles.CountyLead)) return Permission.Refuse(submit, Messages.OnlyLeadSubmits);
        if (facts.Status == EvaluationStatus.Draft && facts.Deadline.BlocksDraft)
            return Permission.Refuse(submit, Messages.LateSubmission(facts.Deadline.Due!.Value));
        if (LockOf(facts) is { } lockReason) return Permission.Refuse(submit, lockReason);
        if (facts.MissingRequired is { Count: > 0 } missing) return Permission.Refuse(submit, Messages.MissingRequired(missing));

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
        if (!viewer.InScope) return Permission.Refuse(carry, Messages.OutOfScope);
        if (!viewer.Is(Roles.Admin)) return Permission.Refuse(carry, Messages.OnlyAdminCarries);
        return facts.Status == EvaluationStatus.Draft ? Permission.Allow(carry) : Permission.Refuse(carry, Messages.CarryOnlyDrafts(facts.Status));
    }

    /// <summary>
    /// Whether a closed survey's results may be written into the evaluation's survey-fed fields: by an admin of its region, in
    /// any state but approved (the figures are the public's, not the county's: a submission does not stop them, an approval does).
    /// </summary>
    public static Permission SurveyFill(EvaluationFacts facts, Viewer viewer)
    {
        const EvaluationAction fill = EvaluationAction.SurveyFill;
        if (!viewer.InScope) return Permission.Refuse(fill, Messages.OutOfScope);
        if (!viewer.Is(Roles.Admin)) return Permission.Refuse(fill, Messages.OnlyAdminsManageSurveys);
        return facts.Status == EvaluationStatus.Approved ? Permission.Refuse(fill, Messages.ApprovedLock) : Permission.Allow(fill);
    }

    public static Permission Reopen(EvaluationFacts facts, Viewer viewer)
    {
        const EvaluationAction reopen = EvaluationAction.Reopen;
        if (!viewer.InScope) return Permission.Refuse(reopen, Messages.OutOfScope);
        if (!viewer.Is(Roles.Admin)) return Permission.Refuse(reopen, Messages.OnlyAdminReopens);
        if (facts.Status != EvaluationStatus.Approved) return Permission.Refuse(reopen, Messages.ReopenOnlyApproved(facts.Status));
        return Permission.Allow(reopen);
    }

    public static Permission SetDeadline(Viewer viewer) => !viewer.InScope
        ? Permission.Refuse(EvaluationAction.SetDeadline, Messages.OutOfScope)
        : viewer.Is(Roles.Admin)
            ? Permission.Allow(EvaluationAction.SetDeadline)
            : Permission.Refuse(EvaluationAction.SetDeadline, Messages.OnlyAdminDeadlines);

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
        EvaluationAction.DepartmentEdit => DepartmentEdit(facts, viewer),
        EvaluationAction.DepartmentSubmit => DepartmentSubmit(facts, viewer),
        EvaluationAction.DepartmentReview => DepartmentReview(facts, viewer),
        EvaluationAction.SurveyFill => SurveyFill(facts, viewer),
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
        EvaluationStatus.Draft when facts.Deadline.BlocksDraft => Messages.LateDraft(facts.Deadline.Due!.Value).Text,
        EvaluationStatus.Draft => viewer.IsCountyUser ? "草稿：填写完成后，由县级负责人提交。" : "县级尚未提交。",
        EvaluationStatus.Returned => viewer.IsCountyUser ? "已退回：请按审核意见修改，再由县级负责人重新提交。" : "已退回县级修改，等待重新提交。",
        EvaluationStatus.Submitted => viewer.Is(Roles.Supervisor) ? "县级已提交，请审核：退回修改，或审核通过。" : "已提交，等待督导审核；内容已锁定。",
        _ => viewer.Is(Roles.Admin) ? "已审核通过，内容已锁定。如需重新开启，请写明理由。" : Messages.ApprovedLock.Text,
    };

    // Why the content is locked in this state, or null when the county may change it.
    private static Message? LockOf(EvaluationFacts facts) => facts.Status switch
    {
        EvaluationStatus.Submitted => Messages.SubmittedLock,
        EvaluationStatus.Approved => Messages.ApprovedLock,
        EvaluationStatus.Draft when facts.Deadline.BlocksDraft => Messages.LateDraft(facts.Deadline.Due!.Value),
        _ => null,
    };

    private static Permission Review(EvaluationAction action, string verb, EvaluationFacts facts, Viewer viewer)
    {
        if (!viewer.InScope) return Permission.Refuse(action, Messages.OutOfScope);
        if (!viewer.Is(Roles.Supervisor)) return Permission.Refuse(action, Messages.OnlySupervisors(verb));
        return facts.Status switch
        {
            EvaluationStatus.Submitted => Permission.Allow(action),
            EvaluationStatus.Approved => Permission.Refuse(action, Messages.ApprovedLock),
            _ => Permission.Refuse(action, Messages.NotSubmittedYet(facts.Status, verb)),
        };
    }

    private static string RoleNames(Viewer viewer) => string.Join("、", viewer.Roles.Select(Roles.DisplayName));
}
