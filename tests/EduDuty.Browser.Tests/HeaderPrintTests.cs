using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// The frame of every page (issue 27, decision 0042): a header of one row at every desktop width for every role, the user
/// menu (without script too), 个人信息, the printed area page, the skip link to the area form and the yes/no groups by keyboard.
/// Screenshots go to artifacts/screenshots/chrome.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class HeaderPrintTests(BrowserPortal portal) : BrowserTests(portal)
{
    private static readonly string[] Roles = ["wenxi.official", "wenxi.lead", "yuncheng.supervisor", "shanxi.admin"];

    private static string Shot(string name)
    {
        var folder = Path.Combine(BrowserPortal.Artifacts, "chrome");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    [Fact]
    public async Task The_header_is_one_row_of_at_most_80_px_for_every_role_from_992_to_1920_px()
    {
        var problems = new List<string>();
        foreach (var user in Roles)
        {
            var page = await Portal.SignedInPageAsync(user, 1366, 768);
            foreach (var width in new[] { 992, 1024, 1280, 1366, 1440, 1920 })
            {
                await page.SetViewportSizeAsync(width, 768);
                var height = await LayoutChecks.HeaderHeightAsync(page);
                if (height > 80) problems.Add($"{user} at {width} px: the header is {height} px high");
                problems.AddRange((await LayoutChecks.OneCharacterPerLineAsync(page)).Select(t => $"{user} at {width} px: “{t}” one character a line"));
                if (width is 1024 or 1280 or 1366 or 1440) await page.Locator("header").ScreenshotAsync(new() { Path = Shot($"header-{user}-{width}") });
            }

            await page.SetViewportSizeAsync(390, 844);
            await page.ScreenshotAsync(new() { Path = Shot($"header-{user}-390") });
            problems.AddRange((await LayoutChecks.OneCharacterPerLineAsync(page)).Select(t => $"{user} at 390 px: “{t}” one character a line"));
            await page.Context.CloseAsync();
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_user_menu_opens_without_script_and_leads_to_profile_password_and_sign_out()
    {
        var context = await Portal.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "zh-CN", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Portal.RootUri + "/Account/Login");
        await page.FillAsync("#Input_UserName", "shanxi.admin");
        await page.FillAsync("#Input_Password", "Demo-Password-2021");
        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("#profile-link")).Not.ToBeVisibleAsync();
        await page.ClickAsync("#user-menu > summary");
        await Expect(page.Locator("#current-user")).ToContainTextAsync("山西省");
        await Expect(page.Locator("#profile-link")).ToBeVisibleAsync();
        await Expect(page.Locator("#change-password-link")).ToHaveAttributeAsync("href", "/Account/ChangePassword");
        await Expect(page.Locator("#logout-form button")).ToHaveTextAsync("退出");
        await page.ScreenshotAsync(new() { Path = Shot("user-menu-open-no-script") });

        // The admin's pages sit in their own menu, which opens without script too.
        await page.ClickAsync("#admin-menu > summary");
        await page.ClickAsync("#admin-menu a:has-text('用户管理')");
        await Expect(page).ToHaveURLAsync(Portal.RootUri + "/Admin/Users");

        // Below 992 px, without script, the bar does not fold away behind a button that cannot open it.
        await page.SetViewportSizeAsync(390, 844);
        await Expect(page.Locator("#user-menu > summary")).ToBeVisibleAsync();
        await page.ClickAsync("#user-menu > summary");
        await page.ClickAsync("#profile-link");
        await Expect(page.Locator("h1")).ToHaveTextAsync("个人信息");
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_user_changes_their_name_and_email_and_a_wrong_address_is_refused_keeping_what_was_typed()
    {
        var page = await Portal.SignedInPageAsync("wenxi.official", 1280, 800);
        await page.ClickAsync("#user-menu > summary");
        await page.ScreenshotAsync(new() { Path = Shot("user-menu-open") });
        await page.ClickAsync("#profile-link");
        await Expect(page.Locator("#display-name")).ToHaveValueAsync("闻喜县填报员");

        // Refused: nothing saved, both typed values back in their boxes, the field named.
        await page.FillAsync("#display-name", "王晓明");
        await page.FillAsync("#email", "wang.example.gov.cn");
        await page.ClickAsync("#profile-form button[type=submit]");
        await Expect(page.Locator("#refusal")).ToContainTextAsync("电子邮箱 “wang.example.gov.cn” 格式不正确");
        await Expect(page.Locator("#email-error")).ToContainTextAsync("应如 zhang@example.gov.cn");
        await Expect(page.Locator("#display-name")).ToHaveValueAsync("王晓明");
        await Expect(page.Locator("#email")).ToHaveValueAsync("wang.example.gov.cn");
        await page.ScreenshotAsync(new() { Path = Shot("profile-refused"), FullPage = true });
        Assert.Equal(("闻喜县填报员", (string?)null), await Portal.WithDbAsync(db => db.Users.Where(u => u.UserName == "wenxi.official").Select(u => ValueTuple.Create(u.DisplayName, u.Email)).SingleAsync()));

        await page.FillAsync("#email", "wang@example.gov.cn");
        await page.ClickAsync("#profile-form button[type=submit]");
        await Expect(page.Locator("#profile-saved")).ToContainTextAsync("个人信息已保存");
        await Expect(page.Locator("#user-menu .user-name")).ToHaveTextAsync("王晓明");
        await page.ScreenshotAsync(new() { Path = Shot("profile-saved"), FullPage = true });
        Assert.Equal(("王晓明", (string?)"wang@example.gov.cn"), await Portal.WithDbAsync(db => db.Users.Where(u => u.UserName == "wenxi.official").Select(u => ValueTuple.Create(u.DisplayName, u.Email)).SingleAsync()));
        var entry = await Portal.WithDbAsync(db => db.AdminAuditEntries.OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal((AdminAction.ChangeProfile, "wenxi.official"), (entry.Action, entry.Target));
        Assert.Equal("姓名：闻喜县填报员；电子邮箱：未填写", entry.Before);
        Assert.Equal("姓名：王晓明；电子邮箱：wang@example.gov.cn", entry.After);
    }

    [Fact]
    public async Task A_printed_area_page_has_no_navigation_or_buttons_and_starts_with_its_title_and_date()
    {
        var id = await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140823").Select(e => e.Id).SingleAsync());
        var page = await Portal.SignedInPageAsync("wenxi.official", 1280, 900);
        await page.GotoAsync($"{Portal.RootUri}/Evaluations/{id}/Areas/A01_PARTY");
        await Expect(page.Locator(".print-heading")).Not.ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(page.Locator("header")).Not.ToBeVisibleAsync();
        await Expect(page.Locator("footer")).Not.ToBeVisibleAsync();
        var visible = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('nav, button, .btn:not(.btn-check:checked + .btn), input[type=submit], .breadcrumb, .skip-link')]
              .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
              .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' “' + e.textContent.trim().slice(0, 12) + '”')
            """);
        Assert.Empty(visible);
        await Expect(page.Locator(".print-heading")).ToBeVisibleAsync();
        await Expect(page.Locator(".print-heading")).ToContainTextAsync("闻喜县");
        await Expect(page.Locator(".print-heading")).ToContainTextAsync("打印时间：2021年11月1日");
        await Expect(page.Locator("#evaluation-title")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("print-area"), FullPage = true });
    }

    [Fact]
    public async Task The_skip_link_lands_on_the_area_form_and_a_yes_no_group_is_answered_by_keyboard_with_unfilled_a_choice()
    {
        var id = await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140823").Select(e => e.Id).SingleAsync());
        var page = await Portal.SignedInPageAsync("wenxi.official", 1280, 900);
        var url = $"{Portal.RootUri}/Evaluations/{id}/Areas/A01_PARTY";
        await page.GotoAsync(url);

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("跳到正文", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        var stops = 0;
        string? reached = null;
        while (stops < 3 && reached is null)
        {
            await page.Keyboard.PressAsync("Tab");
            stops++;
            reached = await page.EvaluateAsync<string?>("() => { const e = document.activeElement; return e.closest('#area-form') && e.matches('input:not([type=hidden]), select, textarea') ? e.id : null; }");
        }

        Assert.True(reached is not null, "no field of the area form within 3 Tab stops after the skip link");

        // The first yes/no group of the area (A01.01), empty: 未填 is its checked choice; the arrows choose 否, 是 and 未填 again.
        const string group = "f-A01-01";
        await Expect(page.Locator($"#{group}-none")).ToBeCheckedAsync();
        await page.FocusAsync($"#{group}-none");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(page.Locator($"#{group}-false")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(page.Locator($"#{group}-true")).ToBeCheckedAsync();
        await SaveAndWaitAsync(page);
        await page.GotoAsync(url);
        await Expect(page.Locator($"#{group}-true")).ToBeCheckedAsync();

        // From 是 the keyboard reaches 未填 as a choice of its own, which clears the answer when saved.
        await page.FocusAsync($"#{group}-true");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator($"#{group}-none")).ToBeCheckedAsync();
        await SaveAndWaitAsync(page);
        await page.GotoAsync(url);
        await Expect(page.Locator($"#{group}-none")).ToBeCheckedAsync();
    }

    // 保存本领域 waits for an autosave on its way before it posts (decision 0039), so the reload must wait for the post's own
    // answer: a reload sent at once aborted the post (the choice was not saved) or was aborted by it (ERR_ABORTED).
    private static async Task SaveAndWaitAsync(IPage page)
    {
        await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#save"), r => r.Request.Method == "POST" && r.Request.IsNavigationRequest);
        await Expect(page.Locator("#saved-message")).ToBeVisibleAsync();
    }
}
