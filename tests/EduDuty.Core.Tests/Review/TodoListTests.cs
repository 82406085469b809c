using EduDuty.Core.Figures;
using EduDuty.Core.Rectification;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Security;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Review;

/// <summary>
/// The to-do list for every role in every state, as issue 11 asks: county users see what is left to fill in per area, the
/// days left, a return's or a reopening's reason and comments waiting for them; the lead learns when it can submit;
/// supervisors see submissions to review and replies while in review; admins never see the conversation.
/// </summary>
public sealed class TodoListTests
{
    private static readonly DateOnly Today = new(2021, 11, 10);
    private static readonly Viewer Official = new([Roles.CountyOfficial]);
    private static readonly Viewer Lead = new([Roles.CountyLead]);
    private static readonly Viewer Supervisor = new([Roles.Supervisor]);
    private static readonly Viewer Admin = new([Roles.Admin]);

    private static readonly Completeness Partial = Completeness.Of(GoldenCase.Result);
    private static readonly Completeness Complete = Completeness.Of(RuleEngine.For(GoldenCase.Scheme).Evaluate(AllInputsFilled()));

    private static TodoFacts Facts(EvaluationStatus status, Completeness completeness, DateOnly? due = null, int awaitingCounty = 0,
        int awaitingSupervisor = 0, ReviewAction? step = null, string? reason = null) =>
        new(7, "闻喜县 2021年度评价", new EvaluationFacts(status, DeadlineState.Of(status, due, null, Today)), completeness,
            awaitingCounty, awaitingSupervisor, step, reason);

    private static List<string> Texts(Viewer viewer, TodoFacts facts) => TodoList.For(viewer, facts).Select(t => t.Text).ToList();

    [Fact]
    public void An_official_with_a_partial_draft_sees_each_area_with_its_missing_count_and_the_days_left()
    {
        var todo = TodoList.For(Official, Facts(EvaluationStatus.Draft, Partial, due: new(2021, 11, 30)));

        var areas = todo.Where(t => t.Target == TodoTarget.Area).ToList();
        Assert.Equal(Partial.Areas.Count(a => a.Missing.Count > 0), areas.Count);
        Assert.Equal(66, areas.Sum(t => Partial[t.AreaKey!].Missing.Count));
        Assert.Contains(areas, t => t.Text == $"闻喜县 2021年度评价 · （十）学前教育普及普惠发展情况：还有 {Partial["A10_PRESCHOOL"].Missing.Count} 项必填数据未填");
        Assert.Contains(todo, t => t.Text == "闻喜县 2021年度评价距截止还有 20 天（2021年11月30日）" && !t.Urgent);
        Assert.DoesNotContain(todo, t => t.Text.Contains("提交", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lead_is_told_what_is_missing_then_that_the_evaluation_can_be_submitted()
    {
        Assert.Contains(TodoList.For(Lead, Facts(EvaluationStatus.Draft, Partial)), t => t.Target == TodoTarget.Area);

        var ready = TodoList.For(Lead, Facts(EvaluationStatus.Draft, Complete, due: new(2021, 11, 15)));

        Assert.DoesNotContain(ready, t => t.Target == TodoTarget.Area);
        Assert.Contains(ready, t => t.Text == "闻喜县 2021年度评价的必填数据已全部填写，请检查后提交。" && t.Urgent && t.Target == TodoTarget.Overview);
        Assert.Contains(ready, t => t.Text.EndsWith("距截止还有 5 天（2021年11月15日）", StringComparison.Ordinal) && t.Urgent);
        Assert.Contains("闻喜县 2021年度评价的必填数据已全部填写，请县级负责人检查后提交。", Texts(Official, Facts(EvaluationStatus.Draft, Complete)));
    }

    [Fact]
    public void A_returned_evaluation_shows_the_reason_first_and_what_is_still_missing()
    {
        var todo = TodoList.For(Official, Facts(EvaluationStatus.Returned, Partial, awaitingCounty: 3, step: ReviewAction.Return, reason: "民办在校生占比数据有误"));

        Assert.Equal("闻喜县 2021年度评价已被督导退回（理由：民办在校生占比数据有误）。请按审核意见修改，再由县级负责人重新提交。", todo[0].Text);
        Assert.True(todo[0].Urgent);
        Assert.Contains(todo, t => t.Text == "闻喜县 2021年度评价有 3 条审核意见待您回复" && t.Target == TodoTarget.Comments);
    }

    [Fact]
    public void A_reopened_evaluation_shows_the_admins_reason_not_an_old_return()
    {
        // Reopening takes an approved evaluation back to 已退回 (ReviewWorkflow), with the admin's step as the last one.
        var todo = Texts(Lead, Facts(EvaluationStatus.Returned, Complete, step: ReviewAction.Reopen, reason: "补充佐证材料"));

        Assert.Equal("闻喜县 2021年度评价已由管理员重新开启（理由：补充佐证材料）。修改后请由县级负责人重新提交。", todo[0]);
        Assert.DoesNotContain(todo, t => t.Contains("退回", StringComparison.Ordinal));
    }

    [Fact]
    public void A_late_draft_says_how_to_go_on_instead_of_asking_for_figures_that_cannot_be_entered()
    {
        var todo = TodoList.For(Lead, Facts(EvaluationStatus.Draft, Partial, due: new(2021, 11, 9)));

        Assert.Equal(["闻喜县 2021年度评价已过截止日期（2021年11月9日），内容只读。如需继续填报，请联系管理员延期。"], todo.Select(t => t.Text));
    }

    [Fact]
    public void Once_submitted_the_county_has_nothing_left_but_comments()
    {
        Assert.Empty(TodoList.For(Lead, Facts(EvaluationStatus.Submitted, Partial)));
        Assert.Equal(["闻喜县 2021年度评价有 1 条审核意见待您回复"], Texts(Official, Facts(EvaluationStatus.Submitted, Partial, awaitingCounty: 1)));
    }

    // Issue 27: "2 条审核意见待您回复" stayed after approval. The to-do for threads follows whether the county can still act on them.
    [Theory]
    [InlineData(EvaluationStatus.Draft, true)]
    [InlineData(EvaluationStatus.Returned, true)]
    [InlineData(EvaluationStatus.Submitted, true)]
    [InlineData(EvaluationStatus.Approved, false)]
    public void Threads_waiting_for_the_county_are_a_to_do_only_while_the_county_can_still_reply(EvaluationStatus status, bool expected)
    {
        foreach (var viewer in new[] { Official, Lead })
        {
            var todo = Texts(viewer, Facts(status, Partial, awaitingCounty: 2));
            Assert.Equal(expected, todo.Contains("闻喜县 2021年度评价有 2 条审核意见待您回复"));
        }

        Assert.Empty(TodoList.For(Lead, Facts(EvaluationStatus.Approved, Complete, awaitingCounty: 2)));
    }

    [Fact]
    public void Evidence_judged_insufficient_is_a_to_do_while_the_county_can_replace_it()
    {
        var draft = Facts(EvaluationStatus.Draft, Partial, due: new(2021, 11, 30)) with { InsufficientEvidence = 1 };
        Assert.Contains("闻喜县 2021年度评价有 1 份佐证材料被督导评为不充分，请按理由补充或替换。", Texts(Official, draft));
        // Replaced: the piece has no verdict until the supervisor judges the new version, so the count the to-do reads is 0.
        Assert.DoesNotContain(Texts(Official, draft with { InsufficientEvidence = 0 }), t => t.Contains("不充分", StringComparison.Ordinal));
        Assert.DoesNotContain(Texts(Official, Facts(EvaluationStatus.Approved, Complete) with { InsufficientEvidence = 1 }), t => t.Contains("不充分", StringComparison.Ordinal));
    }

    // Issue 27: nothing for 整改任务 that are not started or overdue. Today is 10 November 2021.
    public static TheoryData<RectificationStatus, string?, string?> TaskCases => new()
    {
        // status, due date, the to-do expected (null: none)
        { RectificationStatus.NotStarted, "2022-06-30", "闻喜县 2021年度 · 整改任务 1“学前教育毛入园率未达标”尚未开始（完成期限 2022年6月30日），请开始整改并登记进展。" },
        { RectificationStatus.NotStarted, null, "闻喜县 2021年度 · 整改任务 1“学前教育毛入园率未达标”尚未开始（未定完成期限），请开始整改并登记进展。" },
        { RectificationStatus.InProgress, "2022-06-30", null },
        { RectificationStatus.InProgress, "2021-11-17", "闻喜县 2021年度 · 整改任务 1“学前教育毛入园率未达标”距完成期限还有 7 天（完成期限 2021年11月17日），请按时完成并登记整改进展。" },
        { RectificationStatus.InProgress, "2021-11-18", null },
        { RectificationStatus.NotStarted, "2021-11-10", "闻喜县 2021年度 · 整改任务 1“学前教育毛入园率未达标”今天到期（完成期限 2021年11月10日），请按时完成并登记整改进展。" },
        { RectificationStatus.InProgress, "2021-11-09", "闻喜县 2021年度 · 整改任务 1“学前教育毛入园率未达标”已逾期（完成期限 2021年11月9日），请尽快整改并登记进展；确实无法完成的，请写明原因。" },
        { RectificationStatus.NotStarted, "2021-01-01", "闻喜县 2021年度 · 整改任务 1“学前教育毛入园率未达标”已逾期（完成期限 2021年1月1日），请尽快整改并登记进展；确实无法完成的，请写明原因。" },
        { RectificationStatus.Done, "2021-11-09", null },
        { RectificationStatus.CannotComplete, "2021-11-09", null },
    };

    [Theory]
    [MemberData(nameof(TaskCases))]
    public void County_users_see_rectification_tasks_not_started_due_within_a_week_or_overdue(RectificationStatus status, string? due, string? expected)
    {
        var task = new TodoTask(31, 7, "闻喜县 2021年度", 2021, 1, "学前教育毛入园率未达标", due is null ? null : DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), status);
        foreach (var viewer in new[] { Official, Lead })
        {
            var todo = TodoList.ForTasks(viewer, [task], Today);
            Assert.Equal(expected is null ? [] : [expected], todo.Select(t => t.Text));
            Assert.All(todo, t => Assert.Equal((TodoTarget.Rectification, 31, 2021), (t.Target, t.TaskId!.Value, t.TaskYear!.Value)));
        }

        Assert.Empty(TodoList.ForTasks(Supervisor, [task], Today));
        Assert.Empty(TodoList.ForTasks(Admin, [task], Today));
    }

    [Fact]
    public void Rectification_to_dos_come_overdue_first_then_by_due_date_with_long_problems_shortened()
    {
        var tasks = new[]
        {
            new TodoTask(1, 7, "闻喜县 2021年度", 2021, 1, "未开始的任务", new DateOnly(2022, 6, 30), RectificationStatus.NotStarted),
            new TodoTask(2, 7, "闻喜县 2021年度", 2021, 2, "将到期的任务", new DateOnly(2021, 11, 12), RectificationStatus.InProgress),
            new TodoTask(3, 7, "闻喜县 2021年度", 2021, 3, new string('长', 40), new DateOnly(2021, 11, 1), RectificationStatus.InProgress),
        };

        var todo = TodoList.ForTasks(Official, tasks, Today);

        Assert.Equal([3, 2, 1], todo.Select(t => t.TaskId!.Value));
        Assert.Equal([true, true, false], todo.Select(t => t.Urgent));
        Assert.StartsWith($"闻喜县 2021年度 · 整改任务 3“{new string('长', 29)}…”已逾期", todo[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_supervisor_reviews_submissions_and_reads_replies_only_while_in_review()
    {
        Assert.Equal(["闻喜县 2021年度评价已提交，待您审核：退回修改，或审核通过。", "闻喜县 2021年度评价有 2 条县级回复待您查看"],
            Texts(Supervisor, Facts(EvaluationStatus.Submitted, Complete, awaitingSupervisor: 2)));
        Assert.Empty(TodoList.For(Supervisor, Facts(EvaluationStatus.Approved, Complete, awaitingSupervisor: 3)));
        Assert.Empty(TodoList.For(Supervisor, Facts(EvaluationStatus.Draft, Partial, awaitingSupervisor: 1)));
        Assert.Empty(TodoList.For(Supervisor, Facts(EvaluationStatus.Returned, Partial, awaitingSupervisor: 1)));
    }

    [Theory]
    [InlineData(EvaluationStatus.Draft)]
    [InlineData(EvaluationStatus.Submitted)]
    [InlineData(EvaluationStatus.Returned)]
    [InlineData(EvaluationStatus.Approved)]
    public void An_admin_never_sees_the_conversation_of_an_evaluation(EvaluationStatus status)
    {
        Assert.Empty(TodoList.For(Admin, Facts(status, Partial, awaitingCounty: 3, awaitingSupervisor: 3)));
    }

    [Fact]
    public void An_admin_sees_the_counties_past_their_deadline_as_one_item()
    {
        Assert.Empty(TodoList.ForAdmin([]));
        var item = Assert.Single(TodoList.ForAdmin([("闻喜县", 2021, new DateOnly(2021, 11, 9)), ("盐湖区", 2021, new DateOnly(2021, 11, 9))]));

        Assert.Equal("2 个县已过截止日期仍未提交：闻喜县（2021年度，截止 2021年11月9日）、盐湖区（2021年度，截止 2021年11月9日）。请督促提交，或为确有困难的县延期。", item.Text);
        Assert.Equal(TodoTarget.AdminYears, item.Target);
    }

    private static Dictionary<string, FieldValue> AllInputsFilled() => GoldenCase.Scheme.Fields
        .Where(f => f.Kind.IsInput())
        .ToDictionary(f => f.Code, f => f.Kind switch
        {
            FieldKind.Bool => FieldValue.Of(true),
            FieldKind.Text => FieldValue.Of("已填写"),
            _ => FieldValue.Of(1m),
        });
}
