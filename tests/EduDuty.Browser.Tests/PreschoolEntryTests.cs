using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

[Collection(BrowserPortal.Collection)]
public sealed class PreschoolEntryTests(BrowserPortal portal) : BrowserTests(portal)
{
    [Fact]
    public async Task Official_fills_the_preschool_area_sees_the_rates_judged_and_a_letter_is_refused()
    {
        var page = await Portal.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "zh-CN" });

        await page.GotoAsync(Portal.RootUri + "/");
        await page.FillAsync("#Input_UserName", "wenxi.official");
        await page.FillAsync("#Input_Password", "Demo-Password-2021");
        await page.ClickAsync("button[type=submit]");
        await page.ClickAsync("#evaluations a:has-text('打开')");
        await Expect(page.Locator("#evaluation-title")).ToContainTextAsync("闻喜县 2021年度");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "overview-empty.png"), FullPage = true });

        await page.ClickAsync("#areas a:has-text('学前教育普及普惠发展情况')");
        await page.FillAsync("#f-A10-01", "10755");
        await page.FillAsync("#f-A10-02", "10736");
        await page.FillAsync("#f-A10-04", "12,149");
        await page.FillAsync("#f-A10-05", "６７７６");

        // Live: the page recomputes while typing. Each figure is saved when its field is left (autosave, issue 27): the
        // three left so far are stored, the one still being typed is not.
        await Expect(page.Locator("[data-derived='A10.03']")).ToHaveTextAsync("99.82 %");
        await Expect(page.Locator("[data-derived='A10.06']")).ToHaveTextAsync("55.77 %");
        foreach (var code in new[] { "A10.01", "A10.02", "A10.04" })
        {
            await Expect(page.Locator($"[data-autosave-for='{code}']")).ToContainTextAsync("已保存", new() { Timeout = 20000 });
        }

        Assert.Equal(new Dictionary<string, decimal?> { ["A10.01"] = 10755m, ["A10.02"] = 10736m, ["A10.04"] = 12149m },
            await Portal.WithDbAsync(db => db.FigureValues.ToDictionaryAsync(f => f.FieldCode, f => f.Number)));

        // 保存本领域 takes the field it leaves with the rest: one more change.
        await page.ClickAsync("#save");
        await Expect(page.Locator("#saved-message")).ToContainTextAsync("已保存 1 项修改");
        await Expect(page.Locator("[data-derived='A10.03']")).ToHaveTextAsync("99.82 %");
        await Expect(page.Locator("[data-status-for='A10.03']")).ToHaveTextAsync("达标");
        await Expect(page.Locator("[data-derived='A10.06']")).ToHaveTextAsync("55.77 %");
        await Expect(page.Locator("[data-status-for='A10.06']")).ToHaveTextAsync("达标");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "area-preschool.png"), FullPage = true });

        await page.FillAsync("#f-A10-04", "12a49");
        await Expect(page.Locator("[data-error-for='A10.04']")).ToContainTextAsync("请输入整数");
        await page.ClickAsync("#save");
        await Expect(page.Locator("#error-summary")).ToContainTextAsync("本次没有保存任何内容");
        await Expect(page.Locator("[data-error-for='A10.04']")).ToContainTextAsync("请输入整数");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "area-error.png"), FullPage = true });

        var stored = await Portal.WithDbAsync(db => db.FigureValues.Where(f => f.FieldCode == "A10.04").Select(f => f.Number).SingleAsync());
        Assert.Equal(12149m, stored);
        Assert.Equal(4, await Portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Kind == AuditKind.Figure)));

        await page.GotoAsync(page.Url.Split("/Areas/")[0]);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "overview.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "overview-phone.png"), FullPage = true });
    }
}
