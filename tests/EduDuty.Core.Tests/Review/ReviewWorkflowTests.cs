using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Core.Security;

namespace EduDuty.Core.Tests.Review;

public sealed class ReviewWorkflowTests
{
    private static readonly Viewer Lead = new([Roles.CountyLead]);
    private static readonly Viewer Official = new([Roles.CountyOfficial]);
    private static readonly Viewer Supervisor = new([Roles.Supervisor]);
    private static readonly Viewer Admin = new([Roles.Admin]);
    private static readonly DateOnly Today = new(2021, 11, 10);

    private static EvaluationFacts Facts(EvaluationStatus status, params string[] missing) =>
        new(status, DeadlineState.Of(status, null, null, Today), missing);

    [Theory]
    [InlineData(EvaluationStatus.Draft, ReviewAction.Submit, EvaluationStatus.Submitted)]
    [InlineData(EvaluationStatus.Returned, ReviewAction.Submit, EvaluationStatus.Submitted)]
    [InlineData(EvaluationStatus.Submitted, ReviewAction.Return, EvaluationStatus.Returned)]
    [InlineData(EvaluationStatus.Submitted, ReviewAction.Approve, EvaluationStatus.Approved)]
    [InlineData(EvaluationStatus.Approved, ReviewAction.Reopen, EvaluationStatus.Returned)]
    public void The_allowed_path(EvaluationStatus from, ReviewAction action, EvaluationStatus to)
    {
        var viewer = action switch { ReviewAction.Submit => Lead, ReviewAction.Reopen => Admin, _ => Supervisor };

        var decision = ReviewWorkflow.Decide(Facts(from), viewer, new TransitionRequest(action, "理由", 1, Confirmed: true));

        Assert.True(decision.IsAllowed, decision.Refusal?.Text);
        Assert.Equal(to, decision.To);
    }

    [Theory]
    [InlineData(EvaluationStatus.Submitted, ReviewAction.Submit, "评价已提交，正在等待督导审核，内容已锁定。如需修改，请联系督导人员退回。")]
    [InlineData(EvaluationStatus.Approved, ReviewAction.Submit, "评价已审核通过，内容已锁定。如需修改，请联系省级管理员重新开启（重新开启后由县级修改、再次提交）。")]
    [InlineData(EvaluationStatus.Draft, ReviewAction.Return, "县级尚未提交（当前状态“草稿”），只有已提交的评价可以退回。")]
    [InlineData(EvaluationStatus.Returned, ReviewAction.Approve, "县级尚未提交（当前状态“已退回”），只有已提交的评价可以审核通过。")]
    [InlineData(EvaluationStatus.Approved, ReviewAction.Return, "评价已审核通过，内容已锁定。如需修改，请联系省级管理员重新开启（重新开启后由县级修改、再次提交）。")]
    [InlineData(EvaluationStatus.Submitted, ReviewAction.Reopen, "评价当前状态为“已提交”，只有已通过的评价可以重新开启。")]
    public void Transitions_outside_the_path_are_refused_with_the_real_cause(EvaluationStatus from, ReviewAction action, string refusal)
    {
        var viewer = action switch { ReviewAction.Submit => Lead, ReviewAction.Reopen => Admin, _ => Supervisor };

        var decision = ReviewWorkflow.Decide(Facts(from), viewer, new TransitionRequest(action, "理由", 1));

        Assert.False(decision.IsAllowed);
        Assert.Equal(refusal, decision.Refusal?.Text);
    }

    [Fact]
    public void Only_the_right_role_may_act()
    {
        Assert.Contains("县级负责人", ReviewWorkflow.Decide(Facts(EvaluationStatus.Draft), Official, new(ReviewAction.Submit)).Refusal?.Text);
        Assert.Contains("督导人员", ReviewWorkflow.Decide(Facts(EvaluationStatus.Submitted), Lead, new(ReviewAction.Approve)).Refusal?.Text);
        Assert.Contains("督导人员", ReviewWorkflow.Decide(Facts(EvaluationStatus.Submitted), Admin, new(ReviewAction.Return, ReasonCount: 1)).Refusal?.Text);
        Assert.Contains("管理员", ReviewWorkflow.Decide(Facts(EvaluationStatus.Approved), Supervisor, new(ReviewAction.Reopen, "理由")).Refusal?.Text);
    }

    [Fact]
    public void Submitting_needs_every_required_field_returning_a_reason_and_reopening_a_why()
    {
        Assert.Contains("2 项必填数据", ReviewWorkflow.Decide(Facts(EvaluationStatus.Draft, "A10.01", "A10.02"), Lead, new(ReviewAction.Submit)).Refusal?.Text);
        Assert.Contains("至少写明一条", ReviewWorkflow.Decide(Facts(EvaluationStatus.Submitted), Supervisor, new(ReviewAction.Return, ReasonCount: 0)).Refusal?.Text);
        Assert.Contains("写明理由", ReviewWorkflow.Decide(Facts(EvaluationStatus.Approved), Admin, new(ReviewAction.Reopen, " ")).Refusal?.Text);
    }

    [Fact]
    public void Submitting_needs_the_leads_confirmation()
    {
        Assert.Equal("提交前请核对未达标指标，并勾选“我已核对以上未达标指标，确认提交”。",
            ReviewWorkflow.Decide(Facts(EvaluationStatus.Draft), Lead, new(ReviewAction.Submit, Confirmed: false)).Refusal?.Text);
        Assert.True(ReviewWorkflow.Decide(Facts(EvaluationStatus.Draft), Lead, new(ReviewAction.Submit, Confirmed: true)).IsAllowed);
    }

    [Fact]
    public void A_lead_past_the_deadline_is_told_so_and_not_offered_the_submit_form()
    {
        var late = new EvaluationFacts(EvaluationStatus.Draft, DeadlineState.Of(EvaluationStatus.Draft, new(2021, 11, 1), null, Today));

        var refusal = ReviewWorkflow.Decide(late, Lead, new(ReviewAction.Submit)).Refusal?.Text;
        var panel = EvaluationPolicy.Panel(late, Lead);

        Assert.Equal("已过截止日期（2021年11月1日），不能提交。如需提交，请联系管理员延期。", refusal);
        var submit = Assert.Single(panel.Actions);
        Assert.False(submit.Allowed);
        Assert.Equal(refusal, submit.Reason);
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

    [Fact]
    public void Approval_needs_an_opinion_and_a_tick_when_threads_are_still_open()
    {
        var facts = Facts(EvaluationStatus.Submitted);

        Assert.Equal("审核通过时请填写审核意见，例如“经审核，同意通过”。审核意见将显示给县级，并记入审核记录。",
            ReviewWorkflow.Decide(facts, Supervisor, new TransitionRequest(ReviewAction.Approve, "  ")).Refusal?.Text);
        Assert.Equal("还有 2 条审核意见尚未解决。请先处理，或勾选“仍然审核通过”后再提交。",
            ReviewWorkflow.Decide(facts, Supervisor, new TransitionRequest(ReviewAction.Approve, "同意通过", OpenThreads: 2)).Refusal?.Text);
        Assert.True(ReviewWorkflow.Decide(facts, Supervisor, new TransitionRequest(ReviewAction.Approve, "同意通过", Confirmed: true, OpenThreads: 2)).IsAllowed);
        Assert.True(ReviewWorkflow.Decide(facts, Supervisor, new TransitionRequest(ReviewAction.Approve, "同意通过")).IsAllowed);
    }

    // ── The report's length limit (issue 25): a question before submitting, never a refusal once answered ──

    [Fact]
    public void A_body_over_the_limit_is_submitted_only_once_the_lead_confirms_it_and_is_told_the_count()
    {
        var over = new TransitionRequest(ReviewAction.Submit, Confirmed: true) { Length = new(8235, 5000) };

        var asked = ReviewWorkflow.Decide(Facts(EvaluationStatus.Draft), Lead, over);
        Assert.False(asked.IsAllowed);
        Assert.Equal("report-over-length", asked.Refusal!.Code);
        Assert.Equal(
            "报告正文 8,235 字，超过方案规定的上限 5,000 字（多 3,235 字，不含附表和佐证材料目录）。请在各领域页面和报告页精简文字后再提交；如确需按现有篇幅提交，请勾选“正文超过字数上限，仍然提交”。",
            asked.Refusal.Text);

        var confirmed = ReviewWorkflow.Decide(Facts(EvaluationStatus.Returned), Lead, over with { OverLengthConfirmed = true });
        Assert.Equal(EvaluationStatus.Submitted, confirmed.To);
    }

    [Theory]
    [InlineData(4999, 5000)]
    [InlineData(5000, 5000)] // at the limit is within it
    [InlineData(8235, null)] // no limit (SX-2021): nothing to ask
    public void A_body_within_the_limit_or_without_one_asks_nothing(int count, int? limit)
    {
        var request = new TransitionRequest(ReviewAction.Submit, Confirmed: true) { Length = new(count, limit) };

        Assert.Equal(EvaluationStatus.Submitted, ReviewWorkflow.Decide(Facts(EvaluationStatus.Draft), Lead, request).To);
        Assert.Equal(EvaluationStatus.Submitted, ReviewWorkflow.Decide(Facts(EvaluationStatus.Draft), Lead, request with { Length = null }).To);
    }

    [Fact]
    public void The_length_never_overrides_a_refusal_and_the_failing_indicators_tick_is_asked_first()
    {
        var over = new TransitionRequest(ReviewAction.Submit) { Length = new(8235, 5000), OverLengthConfirmed = true };

        Assert.Equal("submit-unconfirmed", ReviewWorkflow.Decide(Facts(EvaluationStatus.Draft), Lead, over).Refusal?.Code);
        Assert.Equal("missing-required", ReviewWorkflow.Decide(Facts(EvaluationStatus.Draft, "B00.01"), Lead, over with { Confirmed = true }).Refusal?.Code);
        Assert.Equal("submitted-lock", ReviewWorkflow.Decide(Facts(EvaluationStatus.Submitted), Lead, over with { Confirmed = true }).Refusal?.Code);
        Assert.Equal("only-lead-submits", ReviewWorkflow.Decide(Facts(EvaluationStatus.Draft), Official, over with { Confirmed = true }).Refusal?.Code);
    }
}
