using System.Net;
using AngleSharp.Dom;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

public abstract class AdminYearsTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task Opening_a_year_creates_exactly_one_draft_per_county_and_again_creates_nothing()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var page = await admin.GetDocumentAsync("/Admin/Years?Year=2022");
        Assert.Equal(6, page.QuerySelectorAll("#counties tbody tr").Length);
        Assert.Contains("未开始 6", page.QuerySelector("#state-counts")!.TextContent);

        var opened = await admin.SubmitAsync(page, "/Admin/Years?Year=2022", "#open-year-form", new Dictionary<string, string>());
        var after = await PortalClient.ParseAsync(opened);
        Assert.Contains("已为 6 个县开启 2022 年度评价", after.QuerySelector("#admin-message")!.TextContent);
        Assert.Contains("草稿 6", after.QuerySelector("#state-counts")!.TextContent);

        var again = await PortalClient.ParseAsync(await admin.SubmitAsync(after, "/Admin/Years?Year=2022", "#open-year-form", new Dictionary<string, string>()));
        Assert.Contains("没有新建", again.QuerySelector("#admin-message")!.TextContent);

        var perCounty = await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Year == 2022).GroupBy(e => e.CountyId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(6, perCounty.Count);
        Assert.All(perCounty, n => Assert.Equal(1, n));
        Assert.Contains("开启评价年度", (await admin.GetDocumentAsync("/Admin/Audit")).QuerySelector("#admin-audit")!.TextContent);
    }

    [Fact]
    public async Task Opening_for_a_city_opens_only_its_counties_and_the_deadline_is_set_for_the_year()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2024, 1, 15, 2, 0, 0, TimeSpan.Zero)); // 15 January 2024: 2023 is over
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var url = "/Admin/Years?Year=2023&Region=140500";

        await admin.SubmitAsync(url, "#open-year-form", new Dictionary<string, string>());
        // A date already past is refused until it is confirmed, and nothing is stored.
        var unconfirmed = await PortalClient.ParseAsync(await admin.SubmitAsync(url, "#year-deadline-form", new Dictionary<string, string> { ["Deadline"] = "2023-11-10" }));
        Assert.Contains("截止日期 2023年11月10日 已经过去", unconfirmed.QuerySelector("#admin-errors")!.TextContent);
        Assert.NotNull(unconfirmed.QuerySelector("#deadline-confirmed"));
        Assert.Equal("2023-11-10", unconfirmed.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#deadline")!.Value);
        Assert.False(await Factory.WithDbAsync(db => db.Deadlines.AnyAsync(d => d.Year == 2023)));

        var response = await admin.SubmitAsync(unconfirmed, url, "#year-deadline-form", new Dictionary<string, string> { ["DeadlineConfirmed"] = "true" });
        var page = await PortalClient.ParseAsync(response);

        Assert.Equal(["140525"], await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Year == 2023).Select(e => e.County.Code).ToListAsync()));
        Assert.Contains("2023年11月10日", page.QuerySelector("#admin-message")!.TextContent);
        Assert.Equal(new DateOnly(2023, 11, 10), await Factory.WithDbAsync(db => db.Deadlines.Where(d => d.Year == 2023).Select(d => d.DueDate).SingleAsync()));
    }

    [Fact]
    public async Task A_region_outside_the_admins_own_is_refused()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");

        var response = await admin.SubmitAsync("/Admin/Years?Year=2024&Region=110000", "#open-year-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.False(await Factory.WithDbAsync(db => db.Evaluations.AnyAsync(e => e.Year == 2024)));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteAdminYearsTests(SqlitePortalFactory factory) : AdminYearsTests<SqlitePortalFactory>(factory);
