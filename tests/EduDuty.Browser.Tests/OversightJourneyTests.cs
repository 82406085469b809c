using EduDuty.Core.Figures;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 15's journey: 运城市's supervisor opens 督导总览, sees 夏县 failing in 学前教育 on the heat map, follows the cell to the
/// county's area page and finds the failing indicator there.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class OversightJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    [Fact]
    public async Task The_supervisor_drills_from_the_heat_map_to_the_countys_failing_field()
    {
        // 夏县: 800 of 1,000 children in kindergarten, 80% < 90%, saved through the form as its official would.
        var official = await Portal.SignedInPageAsync("xiaxian.official");
        await official.GotoAsync(Portal.RootUri + "/");
        var overview = Portal.RootUri + await official.GetAttributeAsync("#evaluations tr:has-text('夏县') a.btn", "href");
        await official.GotoAsync(overview + "/Areas/A10_PRESCHOOL");
        await official.FillAsync("#f-A10-01", "1000");
        await official.FillAsync("#f-A10-02", "800");
        await official.ClickAsync("#save");
        await Expect(official.Locator("[data-status-for='A10.03']")).ToHaveTextAsync("未达标");

        var supervisor = await Portal.SignedInPageAsync("yuncheng.supervisor", 1366, 768);
        await supervisor.GotoAsync(Portal.RootUri + "/Oversight");
        await Expect(supervisor.Locator("#heat-map")).ToBeVisibleAsync();
        await supervisor.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "oversight-dashboard.png"), FullPage = true });
        // Issue 26: the counties with nothing entered read 未填 / 未开始填报, never a row of 0s; the same at a phone's width.
        await Expect(supervisor.Locator("[data-heat-unknown]").First).ToContainTextAsync("未");
        await Expect(supervisor.Locator("#county-list .county-state", new() { HasText = "未开始填报" }).First).ToBeVisibleAsync();
        var phone = await Portal.SignedInPageAsync("yuncheng.supervisor", 390, 844);
        await phone.GotoAsync(Portal.RootUri + "/Oversight");
        await Expect(phone.Locator("[data-heat-unknown]").First).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "oversight-dashboard-phone.png"), FullPage = true });
        await supervisor.ClickAsync("[data-heat='140828-A10_PRESCHOOL']");

        await Expect(supervisor.Locator("#evaluation-title")).ToContainTextAsync("夏县");
        await Expect(supervisor.Locator("[data-status-for='A10.03']")).ToHaveTextAsync("未达标");
    }
}
