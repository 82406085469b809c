using System.Text.Json;
using EduDuty.Core.Departments;
using EduDuty.Core.Reports;
using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Core.Security;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Departments;

/// <summary>
/// The county's side of the departments' parts (issue 30, part C) in Core: the lead's submission with departments not accepted,
/// the late departments in the county's to-do, and the data sources the report's appendix names.
/// </summary>
public sealed class DepartmentReviewRulesTests
{
    private static readonly DateOnly Today = new(2021, 11, 10);
    private static readonly Viewer Lead = new([Roles.CountyLead]);
    private static readonly Viewer Official = new([Roles.CountyOfficial]);

    private static EvaluationFacts Draft => new(EvaluationStatus.Draft, DeadlineState.Of(EvaluationStatus.Draft, null, null, Today), []);

    [Fact]
    public void Without_departments_a_submission_is_decided_as_before()
    {
        var decision = ReviewWorkflow.Decide(Draft, Lead, new TransitionRequest(ReviewAction.Submit, Confirmed: true));

        Assert.Equal(EvaluationStatus.Submitted, decision.To);
    }

    [Fact]
    public void Departments_not_accepted_need_the_extra_tick_then_a_reason()
    {
        var unticked = ReviewWorkflow.Decide(Draft, Lead, new TransitionRequest(ReviewAction.Submit, Confirmed: true) { PendingDepartments = 2 });
        var withoutReason = ReviewWorkflow.Decide(Draft, Lead,
            new TransitionRequest(ReviewAction.Submit, Confirmed: true) { PendingDepartments = 2, DepartmentsConfirmed = true, DepartmentsReason = "  " });
        var allowed = ReviewWorkflow.Decide(Draft, Lead,
            new TransitionRequest(ReviewAction.Submit, Confirmed: true) { PendingDepartments = 2, DepartmentsConfirmed = true, DepartmentsReason = "财政局数据以决算为准" });

        Assert.Equal("departments-pending", unticked.Refusal?.Code);
        Assert.Contains("还有 2 个部门", unticked.Refusal!.Text);
        Assert.Contains("部门数据尚未全部采纳，仍然提交", unticked.Refusal.Text);
        Assert.Equal("departments-pending-needs-reason", withoutReason.Refusal?.Code);
        Assert.Equal(EvaluationStatus.Submitted, allowed.To);
    }

    [Fact]
    public void The_lead_rule_comes_first_an_official_is_refused_as_before()
    {
        var decision = ReviewWorkflow.Decide(Draft, Official,
            new TransitionRequest(ReviewAction.Submit, Confirmed: true) { PendingDepartments = 1, DepartmentsConfirmed = true, DepartmentsReason = "x" });

        Assert.Equal("only-lead-submits", decision.Refusal?.Code);
    }

    private static TodoFacts Facts(DateOnly? departmentDeadline, params (string, int)[] pending) =>
        new(7, "闻喜县 2021年度评价", Draft, null, 0, 0)
        {
            DepartmentDeadline = departmentDeadline, Today = Today, PendingDepartments = pending,
        };

    [Fact]
    public void The_to_do_names_late_departments_only_after_the_internal_deadline()
    {
        var late = TodoList.For(Official, Facts(new DateOnly(2021, 11, 9), ("财政局", 3), ("人社局", 1)));
        var onTheDay = TodoList.For(Official, Facts(new DateOnly(2021, 11, 10), ("财政局", 3)));
        var noDeadline = TodoList.For(Official, Facts(null, ("财政局", 3)));

        var item = Assert.Single(late, t => t.Target == TodoTarget.DepartmentReview);
        Assert.Equal("闻喜县 2021年度评价：内部截止日期 2021年11月9日 已过，财政局（3 项未采纳）、人社局（1 项未采纳）尚未完成。请督促部门报送，或审核已报送的数据。", item.Text);
        Assert.True(item.Urgent);
        Assert.DoesNotContain(onTheDay, t => t.Target == TodoTarget.DepartmentReview);
        Assert.DoesNotContain(noDeadline, t => t.Target == TodoTarget.DepartmentReview);
    }

    [Fact]
    public void Nothing_late_when_every_department_is_accepted_and_supervisors_never_see_it()
    {
        Assert.DoesNotContain(TodoList.For(Official, Facts(new DateOnly(2021, 11, 1))), t => t.Target == TodoTarget.DepartmentReview);
        Assert.Empty(TodoList.For(new Viewer([Roles.Supervisor]), Facts(new DateOnly(2021, 11, 1), ("财政局", 3))));
    }

    [Fact]
    public void Submitted_fields_waiting_for_review_are_a_to_do_of_the_county()
    {
        var todo = TodoList.For(Official, new TodoFacts(7, "闻喜县 2021年度评价", Draft, null, 0, 0) { AwaitingDepartmentReview = 4, Today = Today });

        Assert.Contains(todo, t => t.Target == TodoTarget.DepartmentReview && t.Text == "闻喜县 2021年度评价：有 4 项部门报送的数据待您审核，请采纳或退回。");
    }

    // The scheme file's own dataSource texts: read from the JSON, not from the loaded scheme the code under test uses.
    private static Dictionary<string, string> SchemeDataSources()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Core", "Schemes", "SX-2021.scheme.json")));
        return json.RootElement.GetProperty("areas").EnumerateArray()
            .SelectMany(a => a.GetProperty("fields").EnumerateArray())
            .Where(f => f.TryGetProperty("dataSource", out _))
            .ToDictionary(f => f.GetProperty("code").GetString()!, f => f.GetProperty("dataSource").GetString()!);
    }

    [Fact]
    public void An_entered_indicator_names_its_own_data_source_and_department()
    {
        var scheme = GoldenCase.Scheme;
        var entered = scheme.Fields.First(f => f.Kind.IsInput() && f.Threshold is not null && SchemeDataSources().ContainsKey(f.Code));
        var expected = SchemeDataSources()[entered.Code].Trim().TrimEnd('。');

        var line = DataSources.Line(scheme, entered, new Dictionary<string, string> { [entered.Code] = "财政局" });

        Assert.Equal($"{entered.NameZh}：{expected}（填报部门：财政局）。", line);
    }

    [Fact]
    public void A_computed_indicator_names_the_sources_of_the_fields_its_formula_reads()
    {
        var scheme = GoldenCase.Scheme;
        var sources = SchemeDataSources();
        var derived = scheme.Fields.First(f => !f.Kind.IsInput() && f.Formula is { References.Count: >= 2 }
            && f.Formula.References.All(c => scheme.FindField(c)!.Kind.IsInput()));
        var inputs = derived.Formula!.References.Select(c => scheme.FindField(c)!).OrderBy(f => scheme.Fields.ToList().IndexOf(f)).ToList();
        var expected = inputs.Select(f => sources.GetValueOrDefault(f.Code)?.Trim().TrimEnd('。')).OfType<string>().Distinct().ToList();
        var departments = new Dictionary<string, string> { [inputs[0].Code] = "财政局" };

        var line = DataSources.Line(scheme, derived, departments);

        var owners = inputs.Select(f => f.Code == inputs[0].Code ? "财政局" : "教育局").Distinct();
        Assert.Equal($"{derived.NameZh}：{string.Join("；", expected)}（填报部门：{string.Join("、", owners)}）。", line);
    }

    [Fact]
    public void The_appendix_lists_the_sources_only_with_the_setting()
    {
        var without = ReportBuilder.Build(GoldenCase.Result, new ReportTexts(), "闻喜县", Today);
        var with = ReportBuilder.Build(GoldenCase.Result, new ReportTexts(), "闻喜县", Today,
            context: new ReportContext(FieldDepartments: new Dictionary<string, string>()));

        Assert.All(without.Appendix, t => Assert.Empty(t.Sources));
        Assert.DoesNotContain(DataSources.Heading, without.ToPlainText());
        Assert.All(with.Appendix, t => Assert.Equal(t.Rows.Count + t.Unfilled.Count, t.Sources.Count));
        var text = with.ToPlainText();
        Assert.Contains(DataSources.Heading, text);
        // Every entered indicator of the appendix names its data source from the scheme file, with 教育局 as nobody else enters it.
        var sources = SchemeDataSources();
        foreach (var code in with.Appendix.SelectMany(t => t.Rows).Select(r => r.Code).Where(c => sources.ContainsKey(c)))
            Assert.Contains(EduDuty.Core.Text.ChinesePunctuation.Normalize($"{GoldenCase.Scheme.FindField(code)!.NameZh}：{sources[code].Trim().TrimEnd('。')}（填报部门：教育局）"), text);
    }
}
