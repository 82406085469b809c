using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Core.Security;

namespace EduDuty.Core.Tests.Review;

public sealed class ReviewWorkflowTests
{
    private static readonly string[] Lead = [Roles.CountyLead];
    private static readonly string[] Official = [Roles.CountyOfficial];
    private static readonly string[] Supervisor = [Roles.Supervisor];
    private static readonly string[] Admin = [Roles.Admin];

    [Theory]
    [InlineData(EvaluationStatus.Draft, ReviewAction.Submit, EvaluationStatus.Submitted)]
    [InlineData(EvaluationStatus.Returned, ReviewAction.Submit, EvaluationStatus.Submitted)]
    [InlineData(EvaluationStatus.Submitted, ReviewAction.Return, EvaluationStatus.Returned)]
    [InlineData(EvaluationStatus.Submitted, ReviewAction.Approve, EvaluationStatus.Approved)]
    [InlineData(EvaluationStatus.Approved, ReviewAction.Reopen, EvaluationStatus.Returned)]
    public void The_allowed_path(EvaluationStatus from, ReviewAction action, EvaluationStatus to)
    {
        var roles = action switch { ReviewAction.Submit => Lead, ReviewAction.Reopen => Admin, _ => Supervisor };

        var decision = ReviewWorkflow.Decide(from, new TransitionRequest(action, roles, "理由", 1, []));

        Assert.True(decision.IsAllowed, decision.Refusal);
        Assert.Equal(to, decision.To);
    }

    [Theory]
    [InlineData(EvaluationStatus.Submitted, ReviewAction.Submit)]
    [InlineData(EvaluationStatus.Approved, ReviewAction.Submit)]
    [InlineData(EvaluationStatus.Draft, ReviewAction.Return)]
    [InlineData(EvaluationStatus.Returned, ReviewAction.Approve)]
    [InlineData(EvaluationStatus.Draft, ReviewAction.Approve)]
    [InlineData(EvaluationStatus.Submitted, ReviewAction.Reopen)]
    public void Transitions_outside_the_path_are_refused_with_the_state_named(EvaluationStatus from, ReviewAction action)
    {
        var roles = action switch { ReviewAction.Submit => Lead, ReviewAction.Reopen => Admin, _ => Supervisor };

        var decision = ReviewWorkflow.Decide(from, new TransitionRequest(action, roles, "理由", 1, []));

        Assert.False(decision.IsAllowed);
        Assert.Contains(from.DisplayName(), decision.Refusal);
    }

    [Fact]
    public void Only_the_right_role_may_act()
    {
        Assert.Contains("县级负责人", ReviewWorkflow.Decide(EvaluationStatus.Draft, new(ReviewAction.Submit, Official, MissingRequired: [])).Refusal);
        Assert.Contains("督导人员", ReviewWorkflow.Decide(EvaluationStatus.Submitted, new(ReviewAction.Approve, Lead)).Refusal);
        Assert.Contains("督导人员", ReviewWorkflow.Decide(EvaluationStatus.Submitted, new(ReviewAction.Return, Admin, ReasonCount: 1)).Refusal);
        Assert.Contains("管理员", ReviewWorkflow.Decide(EvaluationStatus.Approved, new(ReviewAction.Reopen, Supervisor, "理由")).Refusal);
    }

    [Fact]
    public void Submitting_needs_every_required_field_returning_a_reason_and_reopening_a_why()
    {
        Assert.Contains("2 项必填数据", ReviewWorkflow.Decide(EvaluationStatus.Draft, new(ReviewAction.Submit, Lead, MissingRequired: ["A10.01", "A10.02"])).Refusal);
        Assert.Contains("至少写明一条", ReviewWorkflow.Decide(EvaluationStatus.Submitted, new(ReviewAction.Return, Supervisor, ReasonCount: 0)).Refusal);
        Assert.Contains("写明理由", ReviewWorkflow.Decide(EvaluationStatus.Approved, new(ReviewAction.Reopen, Admin, " ")).Refusal);
    }

    [Fact]
    public void Only_draft_and_returned_are_editable()
    {
        Assert.True(ReviewWorkflow.IsEditable(EvaluationStatus.Draft));
        Assert.True(ReviewWorkflow.IsEditable(EvaluationStatus.Returned));
        Assert.False(ReviewWorkflow.IsEditable(EvaluationStatus.Submitted));
        Assert.False(ReviewWorkflow.IsEditable(EvaluationStatus.Approved));
    }

    [Fact]
    public void Required_fields_are_judged_inputs_and_the_inputs_of_judged_indicators()
    {
        var required = RequiredFields.Of(BuiltInSchemes.Get("SX-2021")).Select(f => f.Code).ToHashSet();

        Assert.Contains("A01.01", required);           // judged yes/no
        Assert.Contains("A10.01", required);           // feeds A10.03 (≥ 90)
        Assert.Contains("A07.04", required);           // feeds A07.07 (≤ 5)
        Assert.Contains("A04.04.prev", required);      // feeds A04.06 through the derived A04.05.prev
        Assert.DoesNotContain("A10.10", required);     // reported only
        Assert.DoesNotContain("A07.02", required);     // only in a consistency check
        Assert.DoesNotContain("B00.01", required);     // basic facts, not judged
        Assert.DoesNotContain("A01.02.t", required);   // text
    }
}
