namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 24, as the attacker did it: user A signs in on a browser, a copy of A's cookie is kept, user B signs in on the same
/// browser. B's sign-in gets a session under a new key and ends A's: the kept copy shows neither A nor B, only the sign-in page.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class SessionFixationTests(BrowserPortal portal) : BrowserTests(portal)
{
    [Fact]
    public async Task A_copy_of_the_first_users_cookie_is_refused_after_a_second_user_signs_in_on_the_same_browser()
    {
        var page = await Portal.SignedInPageAsync("wenxi.official");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#current-user")).ToContainTextAsync("闻喜县");
        var copied = await page.Context.CookiesAsync();

        await page.GotoAsync(Portal.RootUri + "/Account/Login");
        await page.FillAsync("#Input_UserName", "xiaxian.official");
        await page.FillAsync("#Input_Password", "Demo-Password-2021");
        await page.ClickAsync("button[type=submit]");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#current-user")).ToContainTextAsync("夏县");
        Assert.NotEqual(AuthOf(copied), AuthOf(await page.Context.CookiesAsync()));

        await using var other = await Portal.Browser.NewContextAsync(new() { Locale = "zh-CN" });
        await other.AddCookiesAsync(copied.Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        var replay = await other.NewPageAsync();
        await replay.GotoAsync(Portal.RootUri + "/");

        Assert.Contains("/Account/Login", replay.Url, StringComparison.Ordinal);
        Assert.Equal(0, await replay.Locator("#current-user").CountAsync());
        var body = await replay.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("夏县填报员", body, StringComparison.Ordinal);
        Assert.DoesNotContain("闻喜县", body, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private static string AuthOf(IReadOnlyList<Microsoft.Playwright.BrowserContextCookiesResult> cookies) =>
        cookies.Single(c => c.Name.Contains("Auth", StringComparison.Ordinal)).Value;
}
