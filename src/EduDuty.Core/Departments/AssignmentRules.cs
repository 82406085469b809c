using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Core.Security;

namespace EduDuty.Core.Departments;

/// <summary>
/// The county lead's 部门分工 for one evaluation (issue 30): who may change it and its internal deadline, and when. The
/// assignment is the county's own content, so the evaluation's edit rule decides when (<see cref="EvaluationPolicy.Edit"/>:
/// submitted, approved or a draft past its deadline refuse it with the same messages); only the lead decides it.
/// </summary>
public static class AssignmentRules
{
    /// <summary>Whether the viewer may change the assignment or the internal deadline now.</summary>
    public static Permission Assign(EvaluationFacts facts, Viewer viewer)
    {
        if (!viewer.InScope) return Permission.Refuse(EvaluationAction.Edit, Messages.OutOfScope);
        if (!viewer.Is(Roles.CountyLead)) return Permission.Refuse(EvaluationAction.Edit, Messages.OnlyLeadAssigns);
        return EvaluationPolicy.Edit(facts, viewer);
    }

    /// <summary>
    /// The problem of an internal deadline, or null: on or after <paramref name="today"/> and on or before the county's own
    /// deadline (the year's, or its extension) when it has one. None (null) clears it.
    /// </summary>
    public static Message? CheckDeadline(DateOnly? internalDeadline, DeadlineState countyDeadline, DateOnly today)
    {
        if (internalDeadline is not { } date) return null;
        if (date < today) return Messages.DepartmentDeadlineInPast;
        return countyDeadline.Due is { } due && date > due ? Messages.DepartmentDeadlineAfterDeadline(due) : null;
    }

    /// <summary>
    /// A stored internal deadline that is now later than the county's deadline (the admin moved the year's deadline earlier
    /// after the lead set it), or null: the 部门分工 page warns the lead to change it.
    /// </summary>
    public static Message? StaleDeadline(DateOnly? internalDeadline, DeadlineState countyDeadline) =>
        internalDeadline is { } date && countyDeadline.Due is { } due && date > due ? Messages.DepartmentDeadlineNowAfterDeadline(date, due) : null;
}
