using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 28: a city of 120 counties (分页市 149900 under 山西省, each with a draft) on the 综合报告 page — 50 counties' conclusions
/// and table rows a page; the pager leads to the next 50. Screenshots at 390, 1024, 1280, 1366 and 1440 px to /tmp/scale-shots.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class RollupPagingJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    private const string Shots = "/tmp/scale-shots";

    [Fact]
    public async Task The_admin_pages_through_a_city_of_120_counties_at_every_width()
    {
        await Portal.WithDbAsync(async db =>
        {
            var province = await db.Regions.SingleAsync(r => r.Code == "140000");
            var scheme = await db.Schemes.Where(s => s.Code == "SX-2021").Select(s => s.Id).FirstAsync();
            var city = new Region { Code = "149900", Name = "分页市", Level = RegionLevel.City, ParentId = province.Id, Path = AdministrativeCode.PathOf("149900", province.Path) };
            db.Regions.Add(city);
            await db.SaveChangesAsync();
            var now = Portal.Clock.GetUtcNow().UtcDateTime;
            for (var i = 1; i <= 120; i++)
            {
                var code = i < 100 ? $"1497{i:00}" : $"1498{i - 99:00}"; // six digits, in the counties' order
                var county = new Region { Code = code, Name = $"分页{i:000}县", Level = RegionLevel.County, ParentId = city.Id, Path = AdministrativeCode.PathOf(code, city.Path) };
                db.Evaluations.Add(new Evaluation { County = county, SchemeId = scheme, Year = 2021, Status = EvaluationStatus.Draft, CreatedAtUtc = now, UpdatedAtUtc = now });
            }

            return await db.SaveChangesAsync();
        });
        Directory.CreateDirectory(Shots);

        foreach (var width in new[] { 390, 1024, 1280, 1366, 1440 })
        {
            var page = await Portal.SignedInPageAsync("shanxi.admin", width, 900);
            await page.GotoAsync(Portal.RootUri + "/Oversight/Rollup?Region=149900");
            await Expect(page.Locator("#rollup-conclusions-range")).ToContainTextAsync("第 1–50 县，共 120 县");
            await Expect(page.Locator("#rollup-grid tbody tr")).ToHaveCountAsync(50);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"rollup-p1-{width}.png"), FullPage = true });

            await page.Locator("nav[aria-label='各县评价结论与附表分页']").First.GetByRole(AriaRole.Link, new() { Name = "下一页" }).ClickAsync();
            await Expect(page.Locator("#rollup-conclusions-range")).ToContainTextAsync("第 51–100 县，共 120 县");
            await Expect(page.Locator("#report-preview p.report-paragraph", new() { HasText = "51.分页051县：" })).ToBeVisibleAsync();
            await Expect(page.Locator("#rollup-grid tbody tr").First).ToContainTextAsync("分页051县");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"rollup-p2-{width}.png"), FullPage = true });
            // No horizontal scrolling of the page itself: wide tables scroll in their own box.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"page wider than {width} px");
            await page.Context.CloseAsync();
        }
    }
}
