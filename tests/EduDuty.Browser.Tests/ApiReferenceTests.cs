using Microsoft.Playwright;

namespace EduDuty.Browser.Tests;

/// <summary>
/// The API reference page (/api/docs, Scalar; issue 29, decision 0051) opened in Chromium without signing in, at 1280 and
/// 390 px: it renders the document's operations, every request it makes goes to the portal itself (no script, font or style
/// from elsewhere), and the console reports no Content Security Policy violation — its inline script runs by the response's
/// nonce while the site keeps <c>script-src 'self'</c>. Screenshots go to artifacts/screenshots/api.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class ApiReferenceTests(BrowserPortal portal) : BrowserTests(portal)
{
    [Fact]
    public async Task The_reference_page_renders_from_the_portal_alone_under_its_policy_at_1280_and_390_px()
    {
        var folder = Path.Combine(BrowserPortal.Artifacts, "api");
        Directory.CreateDirectory(folder);
        var problems = new List<string>();
        foreach (var width in new[] { 1280, 390 })
        {
            var context = await Portal.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, Locale = "zh-CN" });
            var page = await context.NewPageAsync();
            var console = new List<string>();
            var elsewhere = new List<string>();
            page.Console += (_, message) => { if (message.Type is "error" or "warning") console.Add(message.Text); };
            page.PageError += (_, error) => console.Add(error);
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith(Portal.RootUri, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                    && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
                    elsewhere.Add(request.Url);
            };

            var response = await page.GotoAsync(Portal.RootUri + "/api/docs");
            Assert.Equal(200, response!.Status);
            var policy = await response.HeaderValueAsync("content-security-policy");
            Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+';", policy);
            Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal); // styles only (decision 0051)
            Assert.Contains("style-src 'self' 'unsafe-inline';", policy, StringComparison.Ordinal);
            // Rendered: the document's title and its operations by area (the schemes' listed, the summaries' and the audit's areas).
            try
            {
                await page.GetByText("EduDuty 履行教育职责评价").First.WaitForAsync(new() { Timeout = 20_000 });
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                foreach (var text in new[] { "列出可用的评价方案", "汇总", "管理记录" })
                    if (await page.GetByText(text).CountAsync() == 0) problems.Add($"{width} px: “{text}” is not shown");
                if (await page.GetByText("Deploy .NET").CountAsync() > 0) problems.Add($"{width} px: Scalar's developer toolbar is shown");
                if (await page.GetByText("No authentication selected").CountAsync() > 0) problems.Add($"{width} px: the bearer token is not the chosen authentication");
            }
            catch (TimeoutException)
            {
                problems.Add($"{width} px: the operations are not shown; console: {string.Join(" | ", console)}; body: {(await page.ContentAsync())[..Math.Min(2000, (await page.ContentAsync()).Length)]}");
            }

            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"api-docs-{width}.png"), FullPage = false });
            problems.AddRange(console.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Contains("Refused to", StringComparison.Ordinal))
                .Select(m => $"{width} px: {m}"));
            problems.AddRange(elsewhere.Select(u => $"{width} px: a request outside the portal: {u}"));
            await context.CloseAsync();
        }

        // The site's own pages keep the strict policy: no nonce, no inline script.
        using var http = Portal.CreateClient();
        var login = await http.GetAsync("/Account/Login");
        var site = string.Join(';', login.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", site, StringComparison.Ordinal);
        Assert.DoesNotContain("nonce-", site, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", site, StringComparison.Ordinal);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
