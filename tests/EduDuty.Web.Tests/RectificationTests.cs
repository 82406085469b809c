using System.Net;
using EduDuty.Core.Rectification;
using EduDuty.Core.Review;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 16: approving 闻喜县 2021 (the golden figures, which fail indicators) makes a task of every problem its report prints
/// and of each line of the supervisor's 整改意见; the county updates them (audited, version-checked, the reason required
/// when one cannot be done); supervisors see them by state and overdue, within their region only; 2022's report tells them.
/// </summary>
public abstract class RectificationTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task Approval_makes_the_tasks_the_county_updates_them_and_next_years_report_tells_them()
    {
        var id = await Wenxi.EvaluationIdAsync(Factory);
        await Wenxi.SeedGoldenFiguresAsync(Factory, id);
        await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Submitted)));

        // The report's problem items, as the report prints them, before approval.
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var preview = (await supervisor.GetDocumentAsync($"/Evaluations/{id}/Report")).QuerySelector("#report-preview")!;
        var printed = ProblemHeadings(preview, "存在问题和改进措施");
        Assert.NotEmpty(printed);

        var approved = await supervisor.SubmitAsync($"/Evaluations/{id}", "#approve-form", new Dictionary<string, string>
        {
            ["Requirements"] = "建立教师工资保障长效机制\n\n  完善学校安全隐患台账  ",
        });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var tasks = await Factory.WithDbAsync(db => db.RectificationTasks.Where(t => t.EvaluationId == id).OrderBy(t => t.Number).ToListAsync());
        Assert.Equal([.. printed, "建立教师工资保障长效机制", "完善学校安全隐患台账"], tasks.Select(t => t.Problem));
        Assert.Equal(RectificationSource.Supervisor, tasks[^1].Source);
        Assert.All(tasks, t => Assert.Equal(RectificationStatus.NotStarted, t.Status));
        Assert.Contains(tasks, t => t.Source == RectificationSource.Automatic && t.Measures is { Length: > 0 });

        // The county updates the first task: unit, due date, state and a note, audited on the evaluation.
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var first = tasks[0];
        var due = EduDuty.Core.Text.ChinaTime.Today(Factory.Clock).AddYears(1); // not overdue whenever the test runs
        var saved = await official.SubmitAsync("/Rectification", $"#task-{first.Id}-form", new Dictionary<string, string>
        {
            ["Input.ResponsibleUnit"] = "县教育局", ["Input.DueDate"] = EduDuty.Core.Text.ChinaTime.IsoDate(due), ["Input.Status"] = "InProgress", ["Input.Note"] = "已制定整改方案，正在实施。",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await Factory.WithDbAsync(db => db.RectificationTasks.Include(t => t.Notes).SingleAsync(t => t.Id == first.Id));
        Assert.Equal(("县教育局", due, RectificationStatus.InProgress, 2), (stored.ResponsibleUnit, stored.DueDate!.Value, stored.Status, stored.Version));
        Assert.Equal("已制定整改方案，正在实施。", Assert.Single(stored.Notes).Text);
        var audit = (await Wenxi.AuditAsync(Factory, id)).Single(a => a.Kind == AuditKind.Rectification);
        Assert.Equal(("整改任务 1", "未开始；责任单位：未定；完成时限：未定"), (audit.Target, audit.OldValue));
        Assert.Contains($"整改中；责任单位：县教育局；完成时限：{EduDuty.Core.Text.ChinaTime.Date(due)}；进展：已制定整改方案", audit.NewValue);

        // "无法完成" without a reason, a stale version, a supervisor's update: each refused, nothing changed.
        var second = tasks[1];
        var noReason = await official.SubmitAsync("/Rectification", $"#task-{second.Id}-form", new Dictionary<string, string> { ["Input.Status"] = "CannotComplete" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("请填写无法完成的原因", (await PortalClient.ParseAsync(noReason)).QuerySelector("#rectification-refusal")!.TextContent);
        var stale = await official.PostFormAsync("/Rectification", $"#task-{first.Id}-form", new Dictionary<string, string>
        {
            ["Input.TaskId"] = first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Version"] = "1", ["Input.Status"] = "Done",
        }, "Update");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var bySupervisor = await supervisor.PostFormAsync("/Rectification", "#logout-form", new Dictionary<string, string>
        {
            ["Input.TaskId"] = first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Version"] = "2", ["Input.Status"] = "Done",
        }, "Update");
        Assert.Equal(HttpStatusCode.Forbidden, bySupervisor.StatusCode); // the role may never: 403, with the reason on the page
        Assert.Contains("由县级填报员或负责人更新", await bySupervisor.Content.ReadAsStringAsync());
        Assert.Equal((2, RectificationStatus.NotStarted), await Factory.WithDbAsync(async db =>
            (await db.RectificationTasks.Where(t => t.Id == first.Id).Select(t => t.Version).SingleAsync(), await db.RectificationTasks.Where(t => t.Id == second.Id).Select(t => t.Status).SingleAsync())));

        // A due date already past makes the task overdue: the supervisor's board counts and lists it; another city's sees nothing.
        await official.SubmitAsync("/Rectification", $"#task-{second.Id}-form", new Dictionary<string, string> { ["Input.DueDate"] = "2020-01-31" });
        var board = await supervisor.GetDocumentAsync("/Rectification?Overdue=true");
        Assert.Contains("已逾期 1", board.QuerySelector("#rectification-states [data-state='overdue']")!.TextContent);
        Assert.Equal([second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], board.QuerySelectorAll("#tasks [data-task]").Select(s => s.GetAttribute("data-task")));
        Assert.Null(board.QuerySelector(".task-form")); // supervisors read, counties update

        // The board as a workbook, with the same filter: the overdue task alone, then every task with its state and progress.
        var overdueBook = XlsxEdit.Cells(await (await supervisor.Http.GetAsync(board.QuerySelector("#export-tasks")!.GetAttribute("href")!)).Content.ReadAsByteArrayAsync())["整改任务"];
        Assert.Equal(["县（市、区）", "所属市", "年度", "序号", "来源", "存在问题", "整改措施", "责任单位", "完成时限", "整改状态", "已逾期", "无法完成的原因", "最新进展", "佐证材料"],
            "ABCDEFGHIJKLMN".Select(c => overdueBook[$"{c}1"]));
        Assert.Equal(("闻喜县", "运城市", "2021", second.Problem, "2020年1月31日", "未开始", "是"),
            (overdueBook["A2"], overdueBook["B2"], overdueBook["C2"], overdueBook["F2"], overdueBook["I2"], overdueBook["J2"], overdueBook["K2"]));
        Assert.False(overdueBook.ContainsKey("A3"));
        var allBook = XlsxEdit.Cells(await (await supervisor.Http.GetAsync("/Rectification?handler=Export")).Content.ReadAsByteArrayAsync())["整改任务"];
        Assert.Equal(tasks.Select(t => t.Problem), Enumerable.Range(2, tasks.Count).Select(r => allBook[$"F{r}"]));
        Assert.Equal(("整改中", "县教育局", "已制定整改方案，正在实施。"), (allBook["J2"], allBook["H2"], allBook["M2"]));
        Assert.False(allBook.ContainsKey($"A{tasks.Count + 2}"));
        var otherCity = await PortalClient.For(Factory).SignedInAsync("jincheng.supervisor");
        Assert.Empty((await otherCity.GetDocumentAsync("/Rectification")).QuerySelectorAll("#tasks [data-task]"));

        // 2022 opened: its report tells last year's tasks, numbered 三 before this year's problems, and its review shows them.
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        await admin.SubmitAsync("/Admin/Years?Year=2022&Region=140800", "#open-year-form", new Dictionary<string, string>());
        var id2022 = await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == Wenxi.Code && e.Year == 2022).Select(e => e.Id).SingleAsync());
        var report = (await official.GetDocumentAsync($"/Evaluations/{id2022}/Report")).QuerySelector("#report-preview")!;
        var headings = report.QuerySelectorAll(".report-h1").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["一、基本情况", "二、自查情况和工作成效", "三、上年度问题整改情况", "四、存在问题和改进措施", "五、下一步工作打算", "各领域指标自评情况"], headings);
        Assert.Contains($"上年度评价发现问题{tasks.Count}项，已完成整改0项，正在整改1项，尚未开始{tasks.Count - 1}项，无法完成0项。", report.TextContent);
        Assert.Equal(tasks.Select(t => t.Problem), ProblemHeadings(report, "上年度问题整改情况"));
        Assert.Contains($"整改状态：整改中。责任单位：县教育局；完成时限：{EduDuty.Core.Text.ChinaTime.Date(due)}。", report.TextContent);
        Assert.Contains("最新进展：已制定整改方案，正在实施。", report.TextContent);
        Assert.NotNull((await supervisor.GetDocumentAsync($"/Evaluations/{id2022}")).QuerySelector("#last-year-rectification"));

        // The lead is the county's to rewrite, with live counts; an unknown placeholder is refused by name.
        var bad = await official.SubmitAsync($"/Evaluations/{id2022}/Report", "#report-form", new Dictionary<string, string> { ["Form.RectificationLead"] = "共{tasks}项，{完成率}。" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("占位符 “{完成率}” 不可用", await bad.Content.ReadAsStringAsync());
        await official.SubmitAsync($"/Evaluations/{id2022}/Report", "#report-form", new Dictionary<string, string> { ["Form.RectificationLead"] = "上年度整改任务共{tasks}项，其中逾期{overdue}项。" });
        Assert.Contains($"上年度整改任务共{tasks.Count}项，其中逾期1项。", (await official.GetDocumentAsync($"/Evaluations/{id2022}/Report")).QuerySelector("#report-preview")!.TextContent);
    }

    // The second-level headings under a first-level one, without their "（一）" numbers.
    private static List<string> ProblemHeadings(AngleSharp.Dom.IElement preview, string section)
    {
        var headings = new List<string>();
        var inside = false;
        foreach (var h in preview.QuerySelectorAll(".report-h1, .report-h2"))
        {
            if (h.ClassList.Contains("report-h1")) { inside = h.TextContent.Contains(section, StringComparison.Ordinal); continue; }
            if (inside) headings.Add(System.Text.RegularExpressions.Regex.Replace(h.TextContent.Trim(), @"^（[一二三四五六七八九十]+）", ""));
        }

        return headings;
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteRectificationTests(SqlitePortalFactory factory) : RectificationTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresRectificationTests(PostgresPortalFactory factory) : RectificationTests<PostgresPortalFactory>(factory);
