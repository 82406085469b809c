using EduDuty.Core.Review;
using EduDuty.Core.Security;

namespace EduDuty.Core.Tests.Review;

/// <summary>What each role may do in each state, and the real cause when it may not.</summary>
public sealed class EvaluationPolicyTests
{
    private static readonly DateOnly Today = new(2021, 11, 10);
    private static readonly Viewer Official = new([Roles.CountyOfficial]);
    private static readonly Viewer Lead = new([Roles.CountyLead]);
    private static readonly Viewer Supervisor = new([Roles.Supervisor]);
    private static readonly Viewer Admin = new([Roles.Admin]);

    private static EvaluationFacts Facts(EvaluationStatus status, DateOnly? due = null) => new(status, DeadlineState.Of(status, due, null, Today));

    [Theory]
    [InlineData(EvaluationStatus.Submitted, "评价已提交，正在等待督导审核，内容已锁定。如需修改，请联系督导人员退回。")]
    [InlineData(EvaluationStatus.Approved, "评价已审核通过，内容已锁定。如需修改，请联系省级管理员重新开启（重新开启后由县级修改、再次提交）。")]
    public void Editing_a_locked_evaluation_is_refused_with_the_state_that_locks_it(EvaluationStatus status, string reason)
    {
        Assert.Equal(reason, EvaluationPolicy.Edit(Facts(status), Official).Reason);
    }

    [Fact]
    public void Editing_is_refused_for_a_late_draft_another_role_or_another_region_each_with_its_cause()
    {
        Assert.Equal("已过截止日期（2021年11月9日），内容只读。如需继续填报，请联系管理员延期。",
            EvaluationPolicy.Edit(Facts(EvaluationStatus.Draft, new(2021, 11, 9)), Official).Reason);
        Assert.Equal("您的角色（督导人员）可以查看和发表意见，但不能修改县级填报的内容。", EvaluationPolicy.Edit(Facts(EvaluationStatus.Draft), Supervisor).Reason);
        Assert.Equal(Core.Messaging.Messages.OutOfScope.Text, EvaluationPolicy.Edit(Facts(EvaluationStatus.Draft), Official with { InScope = false }).Reason);
        Assert.True(EvaluationPolicy.Edit(Facts(EvaluationStatus.Returned, new(2021, 11, 9)), Lead).Allowed); // returned: the supervisor asked for changes
    }

    [Fact]
    public void The_panel_offers_each_role_its_own_step_in_each_state()
    {
        string Actions(EvaluationStatus status, Viewer viewer) =>
            string.Join(",", EvaluationPolicy.Panel(Facts(status), viewer).Actions.Select(a => $"{a.Action}{(a.Allowed ? "" : "✗")}"));

        Assert.Equal("Submit", Actions(EvaluationStatus.Draft, Lead));
        Assert.Equal("Submit✗", Actions(EvaluationStatus.Draft, Official));
        Assert.Equal("", Actions(EvaluationStatus.Draft, Supervisor));
        Assert.Equal("", Actions(EvaluationStatus.Submitted, Lead));
        Assert.Equal("Return,Approve", Actions(EvaluationStatus.Submitted, Supervisor));
        Assert.Equal("", Actions(EvaluationStatus.Submitted, Admin));
        Assert.Equal("Reopen", Actions(EvaluationStatus.Approved, Admin));
        Assert.Equal("", Actions(EvaluationStatus.Approved, Supervisor));
        Assert.Equal("Submit", Actions(EvaluationStatus.Returned, Lead));
    }

    [Fact]
    public void After_approval_everyone_but_the_admin_is_told_only_an_admin_can_reopen()
    {
        Assert.Equal(Core.Messaging.Messages.ApprovedLock.Text, EvaluationPolicy.Panel(Facts(EvaluationStatus.Approved), Official).Note);
        Assert.Equal(Core.Messaging.Messages.ApprovedLock.Text, EvaluationPolicy.Panel(Facts(EvaluationStatus.Approved), Supervisor).Note);
        Assert.Contains("请联系省级管理员重新开启", Core.Messaging.Messages.ApprovedLock.Text);
    }

    [Fact]
    public void Last_years_figures_go_only_into_a_draft_and_only_by_an_admin_of_its_region()
    {
        Assert.True(EvaluationPolicy.CarryForward(Facts(EvaluationStatus.Draft), Admin).Allowed);
        Assert.Equal("评价当前状态为“已提交”，只有草稿可以带入上年数据。", EvaluationPolicy.CarryForward(Facts(EvaluationStatus.Submitted), Admin).Reason);
        Assert.Equal("只有管理员开启年度时可以带入上年数据。", EvaluationPolicy.CarryForward(Facts(EvaluationStatus.Draft), Lead).Reason);
        Assert.Equal(Core.Messaging.Messages.OutOfScope.Text, EvaluationPolicy.CarryForward(Facts(EvaluationStatus.Draft), Admin with { InScope = false }).Reason);
    }

    [Fact]
    public void Every_action_has_its_rule_by_name()
    {
        foreach (var action in Enum.GetValues<EvaluationAction>())
            Assert.Equal(action, EvaluationPolicy.Decide(action, Facts(EvaluationStatus.Submitted), Supervisor).Action);
        Assert.True(EvaluationPolicy.Decide(EvaluationAction.VerifyScore, Facts(EvaluationStatus.Submitted), Supervisor).Allowed);
    }
}
