using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 29 in Chromium: a county official makes a token on 个人信息 by ticking scopes, sees it once with 复制 and the warning,
/// then revokes it after the confirmation; an admin makes a service account and a token for it. Screenshots at 390, 1024,
/// 1280, 1366 and 1440 px go to /tmp/tokens-shots.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class ApiTokenJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    private static readonly string Shots = Directory.CreateDirectory("/tmp/tokens-shots").FullName;

    private static async Task ShootAsync(IPage page, string name)
    {
        foreach (var width in new[] { 390, 1024, 1280, 1366, 1440 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{name}-{width}.png"), FullPage = true });
        }

        await page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task A_token_is_made_shown_once_copied_and_revoked_and_a_service_account_gets_one()
    {
        var page = await Portal.SignedInPageAsync("wenxi.official");
        await page.GotoAsync($"{Portal.RootUri}/Account/Profile");
        await page.FillAsync("#token-name", "县教育统计系统");
        await page.CheckAsync("#scope-figures-write");
        await page.FillAsync("#token-days", "180");
        await page.ClickAsync("#token-form button[type=submit]");
        await Expect(page.Locator("#token-secret-box")).ToContainTextAsync("只显示这一次");
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.ClickAsync("#token-secret-box button[data-copy-target]");
        await Expect(page.Locator("#token-secret-box button[data-copy-target]")).ToHaveTextAsync("已复制");
        await ShootAsync(page, "profile-token-shown");
        // On a phone every token is a block of labelled lines: 有效至, 状态 and 撤销 on the screen, nothing scrolled sideways.
        await page.SetViewportSizeAsync(390, 900);
        var revoke = await page.Locator("#tokens-table form button").First.BoundingBoxAsync();
        Assert.True(revoke is { } box && box.X + box.Width <= 390, $"撤销 at {revoke?.X}+{revoke?.Width} px on a 390 px screen");
        var expires = page.Locator("#tokens-table td[data-label='有效至']").First;
        await expires.ScrollIntoViewIfNeededAsync();
        await Expect(expires).ToBeInViewportAsync(new() { Ratio = 1 });
        await page.SetViewportSizeAsync(1280, 900);

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.ClickAsync("#tokens-table form button");
        await Expect(page.Locator("#tokens-table tbody tr").First).ToContainTextAsync("已撤销");
        await Expect(page.Locator("#token-secret-box")).ToHaveCountAsync(0);

        await page.FillAsync("#token-name", "没有选权限范围");
        await page.UncheckAsync("#scope-read");
        await page.ClickAsync("#token-form button[type=submit]");
        await Expect(page.Locator("#token-scopes-error")).ToContainTextAsync("请至少选择一项权限范围");
        await Expect(page.Locator("#token-name")).ToHaveValueAsync("没有选权限范围");
        await ShootAsync(page, "profile-token-refused");

        var admin = await Portal.SignedInPageAsync("shanxi.admin");
        await admin.GotoAsync($"{Portal.RootUri}/Admin/ServiceAccounts");
        await admin.FillAsync("#new-user-name", "svc.shanxi");
        await admin.FillAsync("#new-display-name", "山西省教育督导平台");
        await admin.SelectOptionAsync("#new-role", "Supervisor");
        await admin.FillAsync("#new-region", "140000");
        await admin.ClickAsync("#create-account-form button[type=submit]");
        await Expect(admin.Locator("#admin-message")).ToContainTextAsync("svc.shanxi");
        await admin.FillAsync("[data-account='svc.shanxi'] input[name=TokenName]", "督导平台同步");
        await admin.ClickAsync("[data-account='svc.shanxi'] form.token-form button[type=submit]");
        await Expect(admin.Locator("#token-secret-box")).ToContainTextAsync("只显示这一次");
        await ShootAsync(admin, "service-accounts");
    }
}
