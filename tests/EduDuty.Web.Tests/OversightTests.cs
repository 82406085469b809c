using System.Net;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>督导总览 over <see cref="Wenxi.SeedOversightFixtureAsync"/>'s counties.</summary>
public abstract class OversightTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task The_city_dashboard_counts_states_maps_failures_by_area_and_links_each_to_the_countys_field()
    {
        var xiaxian = await Wenxi.SeedOversightFixtureAsync(Factory, Id);
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var page = await supervisor.GetDocumentAsync("/Oversight?Region=140800");

        Assert.Contains("5", page.QuerySelector("#states .state-table tr:nth-child(2) td:nth-child(2)")!.TextContent); // 草稿: all five
        var heat = page.QuerySelector("#heat-map")!;
        Assert.Equal(5, heat.QuerySelectorAll("tbody tr").Length);
        var privateShare = heat.QuerySelector("[data-heat='140823-A07_PRIVATE_COMPULSORY']")!;
        Assert.Equal("1", privateShare.TextContent.Trim());
        Assert.Equal($"/Evaluations/{Id}/Areas/A07_PRIVATE_COMPULSORY", privateShare.GetAttribute("href"));
        Assert.Equal("3", heat.QuerySelector("[data-heat='140823-A11_HOTSPOTS']")!.TextContent.Trim()); // A11.12–A11.14 in the golden file
        Assert.Equal("1", heat.QuerySelector("[data-heat='140828-A10_PRESCHOOL']")!.TextContent.Trim());

        var top = page.QuerySelector("#top-failing")!;
        var golden = GoldenExpectations.Failing;
        Assert.Equal(golden.Count + 1, top.QuerySelectorAll("li").Length); // 闻喜's five and 夏县's one, each in one county
        var link = top.QuerySelectorAll("a").Single(a => a.GetAttribute("href")!.EndsWith("#row-f-A07-07", StringComparison.Ordinal));
        Assert.Equal("闻喜县", link.TextContent);
        Assert.Equal($"/Evaluations/{Id}/Areas/A07_PRIVATE_COMPULSORY#row-f-A07-07", link.GetAttribute("href"));

        var distribution = page.QuerySelector("#distribution")!.TextContent;
        Assert.Contains("2 县有数值", distribution);
        Assert.Matches("最低 80(\\.00)?%（夏县）", distribution);
        Assert.Contains("最高 99.82%（闻喜县）", distribution); // golden A10.03
        Assert.Equal(5, page.QuerySelectorAll("#county-list tbody tr").Length);
        Assert.NotNull(page.QuerySelector($"#county-list a[href='/Evaluations/{xiaxian}']"));
    }

    [Fact]
    public async Task Counties_with_nothing_entered_read_未填_and_未开始填报_never_0_failing()
    {
        // The fixture: 闻喜县 the golden figures, 夏县 two figures, 盐湖区 (140802), 临猗县 (140821), 万荣县 (140822) nothing (issue 26).
        await Wenxi.SeedOversightFixtureAsync(Factory, Id);
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var page = await supervisor.GetDocumentAsync("/Oversight?Region=140800");

        var heat = page.QuerySelector("#heat-map")!;
        foreach (var code in new[] { "140802", "140821", "140822" })
        {
            Assert.StartsWith("未填", heat.QuerySelector($"[data-heat-unknown='{code}']")!.TextContent.Trim());
            var row = heat.QuerySelector($"[data-heat-unknown='{code}']")!.ParentElement!;
            Assert.DoesNotContain(row.QuerySelectorAll("td"), td => td.TextContent.Trim() == "0");
        }

        Assert.Null(heat.QuerySelector("[data-heat-unknown='140823']"));
        var rows = page.QuerySelectorAll("#county-list tbody tr").ToDictionary(tr => tr.QuerySelector("td")!.TextContent.Split(' ')[0]);
        foreach (var name in new[] { "盐湖区", "临猗县", "万荣县" })
            Assert.Equal(("未开始填报", "—"), (rows[name].QuerySelector(".county-state")!.TextContent.Trim(), rows[name].QuerySelector(".county-failing")!.TextContent.Trim()));
        Assert.Equal(("草稿", GoldenExpectations.Failing.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (rows["闻喜县"].QuerySelector(".county-state")!.TextContent.Trim(), rows["闻喜县"].QuerySelector(".county-failing")!.TextContent.Trim()));
        Assert.Equal("1", rows["夏县"].QuerySelector(".county-failing")!.TextContent.Trim());
        // The progress bar counts the three as 草稿 (5 drafts, 0 未开始): the card says why the list names them otherwise.
        Assert.Contains("其中 3 县已开启填报但尚未填报任何数据，计入“草稿”，下方列表显示为“未开始填报”", page.QuerySelector("#states #nothing-entered-note")!.TextContent);
    }

    [Fact]
    public async Task A_states_count_leads_to_the_counties_in_that_state()
    {
        await Wenxi.SeedOversightFixtureAsync(Factory, Id);
        await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140828")
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, Core.Review.EvaluationStatus.Submitted)));
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var page = await supervisor.GetDocumentAsync("/Oversight?Region=140800");
        var submitted = page.QuerySelector("#states a[data-state='Submitted']")!;
        var listed = await supervisor.GetDocumentAsync(submitted.GetAttribute("href")!.Split('#')[0]);

        Assert.Equal("1", submitted.TextContent);
        Assert.Equal(["夏县"], listed.QuerySelectorAll("#county-list tbody tr td:first-child").Select(c => c.TextContent.Split(' ')[0]));
        Assert.Contains("已提交 1 县", listed.QuerySelector("#counties h2")!.TextContent);
        Assert.NotNull(listed.QuerySelector("#all-states"));
        Assert.Null(page.QuerySelector("#states a[data-state='Approved']")); // nothing to list: a plain 0
        await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140828")
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, Core.Review.EvaluationStatus.Draft)));
    }

    [Fact]
    public async Task The_deadline_counts_down_by_the_portals_clock()
    {
        var today = Core.Text.ChinaTime.Today(Factory.Clock);
        await Factory.WithDbAsync(async db =>
        {
            var scheme = await db.Evaluations.Where(e => e.Id == Id).Select(e => e.SchemeId).SingleAsync();
            var city = await db.Regions.Where(r => r.Code == "140800").Select(r => r.Id).SingleAsync();
            await db.Deadlines.Where(d => d.RegionId == city).ExecuteDeleteAsync();
            db.Deadlines.Add(new EvaluationDeadline { SchemeId = scheme, Year = 2021, RegionId = city, DueDate = today.AddDays(10), UpdatedAtUtc = Factory.Clock.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var page = await supervisor.GetDocumentAsync("/Oversight?Region=140800");

        Assert.Contains($"{Core.Text.ChinaTime.Date(today.AddDays(10))}（还有 10 天）", page.QuerySelector("#deadline")!.TextContent);
    }

    [Fact]
    public async Task The_province_sees_its_cities_and_another_citys_supervisor_sees_nothing_of_yuncheng()
    {
        await Wenxi.SeedOversightFixtureAsync(Factory, Id);
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var other = await PortalClient.For(Factory).SignedInAsync("jincheng.supervisor");
        var county = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var province = await admin.GetDocumentAsync("/Oversight?Region=140000");
        var foreign = await other.Http.GetAsync("/Oversight?Region=140800");
        var own = await other.GetDocumentAsync("/Oversight");
        var denied = await county.Http.GetAsync("/Oversight");

        var rows = province.QuerySelectorAll("#heat-map tbody tr").Select(r => r.QuerySelector("th")!.TextContent.Trim()).ToList();
        Assert.Equal(["晋城市", "运城市"], rows.Order());
        Assert.Contains("运城市", province.QuerySelector("#heat-map a[href*='Region=140800']")!.GetAttribute("aria-label") ?? "运城市");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("不在您管辖的范围内", (await PortalClient.ParseAsync(foreign)).QuerySelector("#oversight-refusal")!.TextContent);
        Assert.DoesNotContain("闻喜", own.Body!.TextContent);
        Assert.DoesNotContain("夏县", own.Body!.TextContent);
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteOversightTests(SqlitePortalFactory factory) : OversightTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresOversightTests(PostgresPortalFactory factory) : OversightTests<PostgresPortalFactory>(factory);
