using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EduDuty.Browser.Tests;

/// <summary>The portal as the demo shows it: 闻喜县's figures filled in, as a newcomer walks it.</summary>
public sealed class DemoBrowserPortal : BrowserPortal
{
    protected override bool PrefillFigures => true;
}

/// <summary>
/// Every main page for every role, on a desktop (1366×768) and a phone (390×844): a full-page screenshot of each (in
/// artifacts/screenshots/tour, to be looked at), axe-core with no serious or critical violation, no word broken inside a button
/// or a table header, and the HTML the server sent free of Nu HTML checker errors (<see cref="HtmlChecker"/>).
/// </summary>
public sealed class PageTourTests(DemoBrowserPortal portal) : IClassFixture<DemoBrowserPortal>
{
    public static readonly (string Name, int Width, int Height)[] Sizes = [("desktop", 1366, 768), ("phone", 390, 844)];

    public static string HtmlFolder { get; } = FreshHtmlFolder();

    private static string FreshHtmlFolder()
    {
        var path = Path.Combine(Path.GetDirectoryName(BrowserPortal.Artifacts)!, "html");
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        Directory.CreateDirectory(path);
        return path;
    }

    [Fact]
    public async Task Every_main_page_for_every_role_has_no_serious_accessibility_violation_at_either_size()
    {
        var id = await portal.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140823").Select(e => e.Id).SingleAsync());
        var tour = new (string User, string Name, string Path)[]
        {
            ("wenxi.official", "home-official", "/"),
            ("wenxi.official", "overview-official", $"/Evaluations/{id}"),
            ("wenxi.official", "area-official", $"/Evaluations/{id}/Areas/A10_PRESCHOOL"),
            ("wenxi.official", "area-basic-official", $"/Evaluations/{id}/Areas/B00_BASIC"),
            ("wenxi.official", "report-official", $"/Evaluations/{id}/Report"),
            ("wenxi.official", "comments-official", $"/Evaluations/{id}/Comments"),
            ("wenxi.official", "audit-official", $"/Evaluations/{id}/Audit"),
            ("wenxi.official", "import-official", $"/Evaluations/{id}/Import"),
            ("wenxi.official", "password-official", "/Account/ChangePassword"),
            ("wenxi.lead", "home-lead", "/"),
            ("wenxi.lead", "overview-lead", $"/Evaluations/{id}"),
            ("yuncheng.supervisor", "home-supervisor", "/"),
            ("yuncheng.supervisor", "overview-supervisor", $"/Evaluations/{id}"),
            ("yuncheng.supervisor", "area-supervisor", $"/Evaluations/{id}/Areas/A07_PRIVATE_COMPULSORY"),
            ("yuncheng.supervisor", "comments-supervisor", $"/Evaluations/{id}/Comments"),
            ("shanxi.admin", "home-admin", "/"),
            ("shanxi.admin", "admin-years", "/Admin/Years"),
            ("shanxi.admin", "admin-users", "/Admin/Users"),
            ("shanxi.admin", "admin-regions", "/Admin/Regions"),
            ("shanxi.admin", "admin-schemes", "/Admin/Schemes"),
            ("shanxi.admin", "admin-audit", "/Admin/Audit"),
        };

        var problems = new List<string>();
        foreach (var (size, width, height) in Sizes)
        {
            problems.AddRange(await CheckAsync(await AnonymousPageAsync(width, height), "login", "/Account/Login", size));
            foreach (var user in tour.GroupBy(t => t.User))
            {
                var page = await portal.SignedInPageAsync(user.Key, width, height);
                foreach (var (_, name, path) in user) problems.AddRange(await CheckAsync(page, name, path, size));
                await page.Context.CloseAsync();
            }
        }

        problems.AddRange(await HtmlChecker.ErrorsAsync(HtmlFolder));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private async Task<IPage> AnonymousPageAsync(int width, int height)
    {
        var context = await portal.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN" });
        return await context.NewPageAsync();
    }

    private async Task<IEnumerable<string>> CheckAsync(IPage page, string name, string path, string size)
    {
        var response = await page.GotoAsync(portal.RootUri + path);
        var problems = new List<string>();
        if (response is not { Ok: true }) problems.Add($"{name} ({size}): {path} answered {response?.Status}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "tour", $"{name}-{size}.png"), FullPage = true });
        // The HTML as the server sent it (not the browser's re-serialised DOM, which would hide markup errors).
        if (size == Sizes[0].Name && response is not null) await File.WriteAllTextAsync(Path.Combine(HtmlFolder, name + ".html"), await response.TextAsync(), Encoding.UTF8);

        var axe = await page.RunAxe();
        foreach (var violation in axe.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var targets = string.Join(" | ", violation.Nodes.Take(3).Select(n => $"{n.Target} {n.Any.FirstOrDefault()?.Message}"));
            problems.Add($"{name} ({size}): {violation.Impact} {violation.Id} on {violation.Nodes.Length} elements: {targets}");
        }

        problems.AddRange((await BrokenWordsAsync(page)).Select(text => $"{name} ({size}): “{text}” wraps inside a word"));
        return problems;
    }

    /// <summary>
    /// Buttons, badges and table headers whose text of at most six characters runs over more than one line: "保/存", "已填/项".
    /// Measured in the browser: the element's height against its line height.
    /// </summary>
    private static async Task<string[]> BrokenWordsAsync(IPage page) => await page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('button, .btn, th, .badge, .nav-link')]
          .filter(e => e.offsetParent !== null && !e.closest('.visually-hidden') && !e.querySelector('.visually-hidden'))
          .filter(e => { const t = e.innerText.trim(); return t.length > 1 && t.length <= 6 && !t.includes('\n'); })
          .filter(e => {
            const range = document.createRange(); range.selectNodeContents(e);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return lines.size > 1;
          })
          .map(e => e.innerText.trim())
        """);
}
