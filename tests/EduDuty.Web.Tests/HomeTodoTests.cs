using EduDuty.Core.Text;
using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// The home page's to-do list as each role sees it for 闻喜县 with the golden figures (the rules per role and state are
/// TodoListTests in Core; this checks that the page gets the real facts: completeness, deadline, last step).
/// </summary>
public abstract class HomeTodoTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task The_official_sees_each_unfinished_area_linked_to_its_empty_fields_and_the_admin_sees_no_conversation()
    {
        await Wenxi.SeedGoldenFiguresAsync(Factory, Id);
        var official = await (await PortalClient.For(Factory).SignedInAsync("wenxi.official")).GetDocumentAsync("/");

        var areaItems = official.QuerySelectorAll("#todo li[data-target='Area'] a").ToList();
        // Counted from the catalog and the golden file: 11 areas miss required inputs (not 基本情况, which has none, nor （七）,
        // whose three are all in the golden case).
        Assert.Equal(11, areaItems.Count);
        Assert.Contains(areaItems, a => a.GetAttribute("href") == $"/Evaluations/{Id}/Areas/A12_SAFETY?missing=1");
        Assert.DoesNotContain("目前没有待办事项", official.QuerySelector("#todo")!.TextContent);
        Assert.Equal("56/122", official.QuerySelector("#evaluations tbody tr td.num")!.TextContent.Trim());

        var admin = await (await PortalClient.For(Factory).SignedInAsync("shanxi.admin")).GetDocumentAsync("/");
        Assert.DoesNotContain(admin.QuerySelectorAll("#todo li"), li => li.TextContent.Contains("意见", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_county_past_its_deadline_is_on_the_admins_list_and_the_official_is_told_how_to_go_on()
    {
        var yesterday = ChinaTime.Today(Factory.Clock).AddDays(-1);
        await Factory.WithDbAsync(async db =>
        {
            var evaluation = await db.Evaluations.SingleAsync(e => e.Id == Id);
            var province = await db.Regions.SingleAsync(r => r.Code == "140000");
            db.Deadlines.Add(new EvaluationDeadline { SchemeId = evaluation.SchemeId, Year = evaluation.Year, RegionId = province.Id, DueDate = yesterday });
            return await db.SaveChangesAsync();
        });
        try
        {
            var admin = await (await PortalClient.For(Factory).SignedInAsync("shanxi.admin")).GetDocumentAsync("/");
            var overdue = admin.QuerySelector("#todo li[data-target='AdminYears']")!;
            Assert.Contains("闻喜县（2021年度", overdue.TextContent);
            Assert.Equal("/Admin/Years", overdue.QuerySelector("a")!.GetAttribute("href"));

            var official = await (await PortalClient.For(Factory).SignedInAsync("wenxi.official")).GetDocumentAsync("/");
            Assert.Contains(official.QuerySelectorAll("#todo li"), li => li.TextContent.Contains("已过截止日期", StringComparison.Ordinal) && li.TextContent.Contains("联系管理员延期", StringComparison.Ordinal));
            Assert.Empty(official.QuerySelectorAll("#todo li[data-target='Area']"));
        }
        finally
        {
            await Factory.WithDbAsync(db => db.Deadlines.ExecuteDeleteAsync());
        }
    }

    // Issue 27: "2 条审核意见待您回复" after approval, and nothing for 整改任务 not started or overdue.
    [Fact]
    public async Task After_approval_open_threads_are_no_longer_a_to_do_and_open_rectification_tasks_are_with_their_dates_and_links()
    {
        var today = ChinaTime.Today(Factory.Clock);
        await Factory.WithDbAsync(async db =>
        {
            var supervisorId = await db.Users.Where(u => u.UserName == "yuncheng.supervisor").Select(u => u.Id).SingleAsync();
            db.ReviewComments.Add(new ReviewComment
            {
                EvaluationId = Id, TargetKind = CommentTarget.Evaluation, Text = "请说明民办学校数的口径",
                AuthorId = supervisorId, AuthorDisplayName = "运城市督导", AuthorRole = Core.Security.Roles.Supervisor, AtUtc = Factory.Clock.GetUtcNow().UtcDateTime,
            });
            return await db.SaveChangesAsync();
        });
        await SetStatusAsync(Core.Review.EvaluationStatus.Submitted);
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        Assert.Contains(Todos(await official.GetDocumentAsync("/")), t => t.Text == "闻喜县 2021年度评价有 1 条审核意见待您回复");

        await SetStatusAsync(Core.Review.EvaluationStatus.Approved);
        var tasks = await Factory.WithDbAsync(async db =>
        {
            var now = Factory.Clock.GetUtcNow().UtcDateTime;
            RectificationTask Task(int number, string problem, int dueInDays, Core.Rectification.RectificationStatus status) => new()
            {
                EvaluationId = Id, Number = number, Source = Core.Rectification.RectificationSource.Supervisor, Problem = problem,
                DueDate = today.AddDays(dueInDays), Status = status, CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            var list = new List<RectificationTask>
            {
                Task(1, "学前教育毛入园率未达标", 60, Core.Rectification.RectificationStatus.NotStarted),
                Task(2, "教师培训经费不足", 3, Core.Rectification.RectificationStatus.InProgress),
                Task(3, "校舍安全隐患未整改", -2, Core.Rectification.RectificationStatus.InProgress),
                Task(4, "已完成的任务", -2, Core.Rectification.RectificationStatus.Done),
                Task(5, "进行中且期限尚远", 60, Core.Rectification.RectificationStatus.InProgress),
            };
            db.RectificationTasks.AddRange(list);
            await db.SaveChangesAsync();
            return list.Select(t => t.Id).ToList();
        });
        try
        {
            var home = await official.GetDocumentAsync("/");
            var todo = Todos(home);
            Assert.DoesNotContain(todo, t => t.Text.Contains("审核意见待您回复", StringComparison.Ordinal));
            // …and the list's 待处理意见 column says "—", not a count that reads as work left (the walk found "1" after approval).
            var row = home.QuerySelectorAll("#evaluations tbody tr").Single(r => r.TextContent.Contains("闻喜县", StringComparison.Ordinal));
            var column = home.QuerySelectorAll("#evaluations thead th").Select(h => h.TextContent.Trim()).ToList().IndexOf("待处理意见");
            Assert.Equal("—", row.QuerySelectorAll("td")[column].TextContent.Trim());
            var rectification = todo.Where(t => t.Target == "Rectification").ToList();
            // Overdue first, then the one due within a week, then the one not started; not the done one nor the far one.
            Assert.Equal([
                $"闻喜县 2021年度 · 整改任务 3“校舍安全隐患未整改”已逾期（完成期限 {ChinaTime.Date(today.AddDays(-2))}），请尽快整改并登记进展；确实无法完成的，请写明原因。",
                $"闻喜县 2021年度 · 整改任务 2“教师培训经费不足”距完成期限还有 3 天（完成期限 {ChinaTime.Date(today.AddDays(3))}），请按时完成并登记整改进展。",
                $"闻喜县 2021年度 · 整改任务 1“学前教育毛入园率未达标”尚未开始（完成期限 {ChinaTime.Date(today.AddDays(60))}），请开始整改并登记进展。"],
                rectification.Select(t => t.Text));
            Assert.Equal([$"/Rectification?Year=2021#task-{tasks[2]}", $"/Rectification?Year=2021#task-{tasks[1]}", $"/Rectification?Year=2021#task-{tasks[0]}"],
                rectification.Select(t => t.Href));
            var board = await official.GetDocumentAsync("/Rectification?Year=2021");
            Assert.NotNull(board.GetElementById($"task-{tasks[2]}")); // the link lands on the task

            // The lead sees the same; supervisors and admins have the 整改任务 page, not these to-dos.
            var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
            Assert.Equal(3, Todos(await lead.GetDocumentAsync("/")).Count(t => t.Target == "Rectification"));
            var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
            Assert.DoesNotContain(Todos(await supervisor.GetDocumentAsync("/")), t => t.Target == "Rectification");
        }
        finally
        {
            await Factory.WithDbAsync(db => db.RectificationTasks.Where(t => t.EvaluationId == Id).ExecuteDeleteAsync());
        }
    }

    private Task<int> SetStatusAsync(Core.Review.EvaluationStatus status) =>
        Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, status)));

    private static List<(string Target, string Text, string Href)> Todos(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#todo li.todo-item")
            .Select(li => (li.GetAttribute("data-target")!, li.QuerySelector("a")!.TextContent.Trim(), li.QuerySelector("a")!.GetAttribute("href")!))
            .ToList();
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteHomeTodoTests(SqlitePortalFactory factory) : HomeTodoTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresHomeTodoTests(PostgresPortalFactory factory) : HomeTodoTests<PostgresPortalFactory>(factory);
