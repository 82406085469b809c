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
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteHomeTodoTests(SqlitePortalFactory factory) : HomeTodoTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresHomeTodoTests(PostgresPortalFactory factory) : HomeTodoTests<PostgresPortalFactory>(factory);
