using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

[Collection(BrowserPortal.Collection)]
public sealed class AdminYearTests(BrowserPortal portal) : BrowserTests(portal)
{
    [Fact]
    public async Task An_admin_opens_a_year_and_sees_every_countys_state()
    {
        var page = await Portal.SignedInPageAsync("shanxi.admin");

        await page.ClickAsync("#admin-menu > summary");
        await page.ClickAsync("#admin-menu a:has-text('评价年度')");
        await page.FillAsync("input[name=Year]", "2022");
        await page.ClickAsync("#year-filter button[type=submit]");
        await Expect(page.Locator("#state-counts")).ToContainTextAsync("未开始 6");
        await page.ClickAsync("#open-year-form button[type=submit]");

        await Expect(page.Locator("#admin-message")).ToContainTextAsync("已为 6 个县开启 2022 年度评价");
        await Expect(page.Locator("#counties tbody tr")).ToHaveCountAsync(6);
        await Expect(page.Locator("#counties tr[data-county='140823'] .state")).ToHaveTextAsync("草稿");
        await Expect(page.Locator("#state-counts")).ToContainTextAsync("草稿 6");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "admin-year.png"), FullPage = true });
    }

    [Fact]
    public async Task An_admin_moves_a_county_lead_to_the_city_as_a_supervisor()
    {
        var page = await Portal.SignedInPageAsync("shanxi.admin");

        await page.ClickAsync("#admin-menu > summary");
        await page.ClickAsync("#admin-menu a:has-text('用户管理')");
        var row = page.Locator("#users tr[data-user='wenxi.lead']");
        await row.Locator("details.reassign summary").ClickAsync();
        await row.Locator("select[name=AssignRole]").SelectOptionAsync("Supervisor");
        await row.Locator("input[name=AssignRegion]").FillAsync("140800");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "admin-reassign.png"), FullPage = true });
        await row.Locator("form.reassign-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#admin-message")).ToContainTextAsync("角色和地区已变更");
        await Expect(page.Locator("#users tr[data-user='wenxi.lead']")).ToContainTextAsync("督导人员");
        await Expect(page.Locator("#users tr[data-user='wenxi.lead']")).ToContainTextAsync("运城市");
    }
}
