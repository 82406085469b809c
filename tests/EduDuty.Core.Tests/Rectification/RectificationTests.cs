using EduDuty.Core.Rectification;

namespace EduDuty.Core.Tests.Rectification;

public sealed class RectificationTests
{
    private static readonly DateOnly Today = new(2022, 11, 28);

    private static readonly IReadOnlyList<RectificationItem> Items =
    [
        new("学前教育普惠性资源不足", "新建公办园 2 所", "县教育局", new DateOnly(2022, 6, 30), RectificationStatus.Done, null, "两所公办园已投入使用。"),
        new("教师工资保障机制不健全", null, null, new DateOnly(2022, 3, 31), RectificationStatus.InProgress, null, null),
        new("学校安全隐患台账不完善", null, null, null, RectificationStatus.NotStarted, null, null),
        new("城区学校大班额", null, null, new DateOnly(2022, 12, 31), RectificationStatus.CannotComplete, "新校区 2023 年方能建成。", null),
    ];

    [Fact]
    public void The_default_lead_counts_the_tasks_by_state()
    {
        Assert.Equal("上年度评价发现问题4项，已完成整改1项，正在整改1项，尚未开始1项，无法完成1项。", RectificationSection.Lead(null, Items, Today).ToString());
    }

    [Fact]
    public void Overdue_means_past_its_date_and_still_open()
    {
        // Only 教师工资 (due 2022-03-31, in progress) is overdue: 学前 is done, 台账 has no date, 大班额 cannot be done.
        Assert.Equal("逾期1项。", RectificationSection.Lead("逾期{overdue}项。", Items, Today).ToString());
        Assert.False(RectificationStatuses.IsOverdue(RectificationStatus.InProgress, Today, Today)); // due today is not late yet
    }

    [Fact]
    public void A_task_is_told_with_its_state_unit_date_measures_and_latest_progress()
    {
        Assert.Equal("整改状态：已完成。责任单位：县教育局；完成时限：2022年6月30日。整改措施：新建公办园 2 所。最新进展：两所公办园已投入使用。", RectificationSection.Describe(Items[0]));
        Assert.Equal("整改状态：无法完成，原因：新校区 2023 年方能建成。完成时限：2022年12月31日。", RectificationSection.Describe(Items[3]));
    }

    [Fact]
    public void A_task_with_evidence_names_the_files_last()
    {
        var item = Items[0] with { Evidence = ["关于新建公办园的批复", "开园现场照片。"] };
        Assert.Equal("整改状态：已完成。责任单位：县教育局；完成时限：2022年6月30日。整改措施：新建公办园 2 所。最新进展：两所公办园已投入使用。佐证材料：关于新建公办园的批复、开园现场照片。", RectificationSection.Describe(item));
    }

    [Theory]
    [InlineData("共{tasks}项，{完成率}", "{完成率}")]
    [InlineData("共{tasks项", "缺少对应的")]
    public void A_lead_with_an_unknown_placeholder_or_a_broken_brace_is_refused(string lead, string expected)
    {
        Assert.Contains(RectificationSection.Check(lead), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Approval_plans_every_report_problem_and_each_line_of_the_requirements()
    {
        var planned = RectificationRules.OnApproval(
            [("县级条目", "措施一", [], false), ("毛入园率未达标", "扩大资源", ["A10.03"], true)],
            "  第一条整改意见 \r\n\r\n第二条整改意见");

        Assert.Equal(["县级条目", "毛入园率未达标", "第一条整改意见", "第二条整改意见"], planned.Select(p => p.Problem));
        Assert.Equal([RectificationSource.County, RectificationSource.Automatic, RectificationSource.Supervisor, RectificationSource.Supervisor], planned.Select(p => p.Source));
    }

    [Theory]
    [InlineData(RectificationStatus.CannotComplete, null, null, "请填写无法完成的原因")]
    [InlineData(RectificationStatus.InProgress, "单位\n换行", null, "控制字符")]
    [InlineData(RectificationStatus.InProgress, null, "3000-01-01", "2000 年至 2100 年")]
    public void An_update_that_says_too_little_or_too_much_is_refused(RectificationStatus status, string? unit, string? due, string expected)
    {
        var update = new TaskUpdate(unit, due is null ? null : DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), status, null, null);

        Assert.Contains(expected, RectificationRules.Check(update));
    }

    [Fact]
    public void Supervisors_read_and_counties_update()
    {
        Assert.Null(RectificationRules.MayUpdate(new Core.Review.Viewer([Core.Security.Roles.CountyOfficial])));
        Assert.Contains("由县级填报员或负责人更新", RectificationRules.MayUpdate(new Core.Review.Viewer([Core.Security.Roles.Supervisor]))!.Text);
        Assert.Contains("不在您管辖的范围内", RectificationRules.MayUpdate(new Core.Review.Viewer([Core.Security.Roles.CountyLead], InScope: false))!.Text);
    }
}
