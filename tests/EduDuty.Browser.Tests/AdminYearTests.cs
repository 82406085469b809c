using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

public sealed class AdminYearTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task An_admin_opens_a_year_and_sees_every_countys_state()
    {
        var page = await portal.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "zh-CN" });
        await page.GotoAsync(portal.RootUri + "/Account/Login");
        await page.FillAsync("#Input_UserName", "shanxi.admin");
        await page.FillAsync("#Input_Password", "Demo-Password-2021");
        await page.ClickAsync("button[type=submit]");

        await page.ClickAsync("a.nav-link:has-text('评价年度')");
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
}
