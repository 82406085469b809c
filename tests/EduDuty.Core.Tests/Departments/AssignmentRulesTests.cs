using EduDuty.Core.Departments;
using EduDuty.Core.Review;
using EduDuty.Core.Security;

namespace EduDuty.Core.Tests.Departments;

/// <summary>Issue 30: who changes the 部门分工 and when; the internal deadline's bounds; the department's to-do.</summary>
public sealed class AssignmentRulesTests
{
    private static readonly DateOnly Today = new(2021, 11, 1);

    private static EvaluationFacts Facts(EvaluationStatus status, DateOnly? due = null) => new(status, DeadlineState.Of(status, due, null, Today));

    [Theory]
    [InlineData(Roles.CountyLead, EvaluationStatus.Draft, null)]
    [InlineData(Roles.CountyLead, EvaluationStatus.Returned, null)]
    [InlineData(Roles.CountyOfficial, EvaluationStatus.Draft, "only-lead-assigns")]
    [InlineData(Roles.Supervisor, EvaluationStatus.Draft, "only-lead-assigns")]
    [InlineData(Roles.DepartmentOfficial, EvaluationStatus.Draft, "only-lead-assigns")]
    [InlineData(Roles.CountyLead, EvaluationStatus.Submitted, "submitted-lock")]
    [InlineData(Roles.CountyLead, EvaluationStatus.Approved, "approved-lock")]
    public void Only_the_lead_assigns_and_only_while_the_county_may_edit(string role, EvaluationStatus status, string? refusal)
    {
        var permission = AssignmentRules.Assign(Facts(status), new Viewer([role]));

        Assert.Equal(refusal, permission.Refusal?.Code);
    }

    [Fact]
    public void A_lead_of_another_county_and_a_draft_past_its_deadline_are_refused()
    {
        Assert.Equal("out-of-scope", AssignmentRules.Assign(Facts(EvaluationStatus.Draft), new Viewer([Roles.CountyLead], InScope: false)).Refusal?.Code);
        Assert.False(AssignmentRules.Assign(Facts(EvaluationStatus.Draft, Today.AddDays(-1)), new Viewer([Roles.CountyLead])).Allowed);
    }

    [Theory]
    [InlineData("2021-11-30", null)]
    [InlineData("2021-11-01", null)]
    [InlineData("2021-12-01", "department-deadline-after-deadline")]
    [InlineData("2021-10-31", "department-deadline-in-past")]
    public void The_internal_deadline_lies_between_today_and_the_countys_deadline(string date, string? problem)
    {
        var county = DeadlineState.Of(EvaluationStatus.Draft, new DateOnly(2021, 11, 30), null, Today);

        Assert.Equal(problem, AssignmentRules.CheckDeadline(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), county, Today)?.Code);
    }

    [Fact]
    public void Without_a_county_deadline_any_day_from_today_is_allowed_and_none_clears_it()
    {
        var none = DeadlineState.Of(EvaluationStatus.Draft, null, null, Today);

        Assert.Null(AssignmentRules.CheckDeadline(new DateOnly(2022, 6, 30), none, Today));
        Assert.Null(AssignmentRules.CheckDeadline(null, none, Today));
    }

    [Fact]
    public void An_internal_deadline_later_than_a_county_deadline_moved_earlier_is_flagged_even_when_past()
    {
        var county = DeadlineState.Of(EvaluationStatus.Draft, new DateOnly(2021, 11, 30), null, Today);
        var none = DeadlineState.Of(EvaluationStatus.Draft, null, null, Today);

        var stale = AssignmentRules.StaleDeadline(new DateOnly(2021, 12, 10), county);
        Assert.Equal("department-deadline-now-after-deadline", stale?.Code);
        Assert.Contains("2021年12月10日", stale!.Text, StringComparison.Ordinal);
        Assert.Contains("2021年11月30日", stale.Text, StringComparison.Ordinal);
        Assert.Null(AssignmentRules.StaleDeadline(new DateOnly(2021, 11, 30), county));
        Assert.Null(AssignmentRules.StaleDeadline(new DateOnly(2021, 10, 1), county));
        Assert.Null(AssignmentRules.StaleDeadline(new DateOnly(2022, 6, 30), none));
        Assert.Null(AssignmentRules.StaleDeadline(null, county));
    }

    [Fact]
    public void The_departments_todo_names_returned_fields_first_then_what_is_left_to_fill_with_the_internal_deadline()
    {
        var write = Permission.Allow(EvaluationAction.DepartmentEdit);
        DepartmentField Field(string code, DepartmentFieldStatus status, bool filled, string? reason = null) => new(code, "项" + code, status, reason, filled);
        var facts = new DepartmentTodoFacts(7, "闻喜县 2021年度评价", "财政局",
            [Field("A04.01", DepartmentFieldStatus.Returned, true, "与决算不符"), Field("A04.02", DepartmentFieldStatus.Open, false), Field("A04.05", DepartmentFieldStatus.Accepted, true)],
            new DateOnly(2021, 11, 10), write);

        var todo = DepartmentTodo.For(facts, Today);

        Assert.Equal([
            ("闻喜县 2021年度评价：财政局有 1 项数据被县教育局退回：项A04.01（与决算不符）。请改正后再次报送（内部截止日期 2021年11月10日，还有 9 天）。", true),
            ("闻喜县 2021年度评价：财政局还有 1 项数据待填写（共 3 项，内部截止日期 2021年11月10日，还有 9 天）。填写后请报送县教育局。", false)],
            todo.Select(t => (t.Text, t.Urgent)));
        Assert.All(todo, t => Assert.Equal((TodoTarget.Department, 7), (t.Target, t.EvaluationId)));
        Assert.Empty(DepartmentTodo.For(facts with { Write = Permission.Refuse(EvaluationAction.DepartmentEdit, Messaging.Messages.SubmittedLock) }, Today));
    }

    [Fact]
    public void When_every_open_field_is_filled_the_todo_says_to_send_them()
    {
        var facts = new DepartmentTodoFacts(7, "闻喜县 2021年度评价", "人社局",
            [new DepartmentField("A05.01", "教师工资", DepartmentFieldStatus.Open, null, true)], null, Permission.Allow(EvaluationAction.DepartmentEdit));

        Assert.Equal("闻喜县 2021年度评价：人社局的 1 项数据已填写完毕，请核对后报送县教育局。", Assert.Single(DepartmentTodo.For(facts, Today)).Text);
    }
}
