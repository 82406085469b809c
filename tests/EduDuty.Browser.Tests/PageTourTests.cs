using System.Text.RegularExpressions;
using System.Text;
using EduDuty.Testing;
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
/// or a table header, and the HTML the server sent free of Nu HTML checker errors (<see cref="HtmlChecker"/>). The desktop
/// and phone walks also set each page at 1440, 1280 and 1024 px (<see cref="LayoutWidths"/>): the layout checks and a screenshot
/// there, not axe and Nu again (issue 27: the page's markup does not change with the width). At every width no text may be set
/// one character a line, and from 1024 px the header is at most 80 px high. Besides the pages reached by a link, the refused
/// approval (open comment threads) and the refused return (a reason without its indicator) are states of the tour.
/// </summary>
public sealed class PageTourTests(DemoBrowserPortal portal) : IClassFixture<DemoBrowserPortal>
{
    public static readonly (string Name, int Width, int Height)[] Sizes = [("desktop", 1366, 768), ("phone", 390, 844)];

    /// <summary>
    /// The widths around 1366 px where the admin's header once wrapped to 268–310 px (issue 27), each walked by one of the two
    /// walks after its own size's checks (1440 and 1280 by the desktop's, 1024 by the phone's), so that the two walks, which
    /// run side by side, stay about as long as each other.
    /// </summary>
    public static readonly Dictionary<string, int[]> LayoutWidths = new() { ["desktop"] = [1440, 1280], ["phone"] = [1024] };

    /// <summary>The highest header from 1024 px on, for every role.</summary>
    private const double HeaderLimit = 80;

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
        // Two rectification tasks, one with a note, so that the tasks page is seen with content (as after an approval).
        await portal.WithDbAsync(async db =>
        {
            if (await db.RectificationTasks.AnyAsync(t => t.EvaluationId == id)) return 0;
            var now = portal.Clock.GetUtcNow().UtcDateTime;
            var first = new Data.Entities.RectificationTask { EvaluationId = id, Number = 1, Source = Core.Rectification.RectificationSource.Automatic, Problem = "全县民办义务教育阶段在校生占比超过5%", Measures = "对3所民办学校分别采取民转公、缩轨方式，确保到2023年占比降至5%以内。", ResponsibleUnit = "县教育局", DueDate = new DateOnly(2023, 8, 31), Status = Core.Rectification.RectificationStatus.InProgress, CreatedAtUtc = now, UpdatedAtUtc = now, Version = 2 };
            first.Notes.Add(new Data.Entities.RectificationNote { Text = "已完成1所学校的民转公。", UserId = "tour", UserDisplayName = "闻喜县填报员", AtUtc = now });
            db.RectificationTasks.Add(first);
            db.RectificationTasks.Add(new Data.Entities.RectificationTask { EvaluationId = id, Number = 2, Source = Core.Rectification.RectificationSource.Supervisor, Problem = "建立教师工资保障长效机制", CreatedAtUtc = now, UpdatedAtUtc = now, Version = 1 });
            await db.SaveChangesAsync();
            // …and the first with a file of evidence, so that the page is seen with its list.
            var pdf = await File.ReadAllBytesAsync(RepositoryPaths.Fixture("evidence", "notice.pdf"));
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf));
            if (!await db.EvidenceBlobs.AnyAsync(b => b.Hash == hash))
            {
                db.EvidenceBlobs.Add(new Data.Entities.EvidenceBlob { Hash = hash, Length = pdf.Length, CreatedAtUtc = now });
                db.EvidenceChunks.Add(new Data.Entities.EvidenceChunk { Hash = hash, Index = 0, Data = pdf });
            }

            db.RectificationEvidence.Add(new Data.Entities.RectificationEvidence { TaskId = first.Id, Title = "关于民办学校民转公的批复", FileName = "民转公批复.pdf", ContentHash = hash, Length = pdf.Length, Kind = Core.Evidence.EvidenceKind.Pdf, UploadedByUserId = "tour", UploadedByName = "闻喜县填报员", UploadedAtUtc = now });
            return await db.SaveChangesAsync();
        });
        var submitted = await SubmittedWithAnOpenThreadAsync();
        var tour = new (string User, string Name, string Path)[]
        {
            ("wenxi.official", "rectification-official", "/Rectification"),
            ("yuncheng.supervisor", "rectification-supervisor", "/Rectification"),
            ("wenxi.official", "home-official", "/"),
            ("wenxi.official", "overview-official", $"/Evaluations/{id}"),
            ("wenxi.official", "area-official", $"/Evaluations/{id}/Areas/A10_PRESCHOOL"),
            ("wenxi.official", "area-basic-official", $"/Evaluations/{id}/Areas/B00_BASIC"),
            ("wenxi.official", "report-official", $"/Evaluations/{id}/Report"),
            ("wenxi.official", "evidence-official", $"/Evaluations/{id}/Evidence"),
            ("wenxi.official", "comments-official", $"/Evaluations/{id}/Comments"),
            ("wenxi.official", "audit-official", $"/Evaluations/{id}/Audit"),
            ("wenxi.official", "password-official", "/Account/ChangePassword"),
            ("wenxi.official", "notifications-official", "/Notifications"),
            ("wenxi.lead", "home-lead", "/"),
            ("wenxi.lead", "overview-lead", $"/Evaluations/{id}"),
            ("wenxi.lead", "departments-lead", "/County/Departments"), // issue 30: 部门管理, 部门分工, the department's home
            ("wenxi.lead", "assignment-lead", $"/Evaluations/{id}/Departments"),
            ("wenxi.caizheng", "home-department", "/"),
            ("yuncheng.supervisor", "home-supervisor", "/"),
            ("yuncheng.supervisor", "overview-supervisor", $"/Evaluations/{id}"),
            ("yuncheng.supervisor", "area-supervisor", $"/Evaluations/{id}/Areas/A07_PRIVATE_COMPULSORY"),
            ("yuncheng.supervisor", "comments-supervisor", $"/Evaluations/{id}/Comments"),
            ("yuncheng.supervisor", "evidence-supervisor", $"/Evaluations/{id}/Evidence"),
            ("yuncheng.supervisor", "notifications-supervisor", "/Notifications"),
            ("yuncheng.supervisor", "oversight-export", "/Oversight/Export"),
            ("yuncheng.supervisor", "oversight", "/Oversight"),
            ("yuncheng.supervisor", "oversight-rollup", "/Oversight/Rollup"),
            ("shanxi.admin", "admin-regions-city", "/Admin/Regions?Parent=140800"),
            ("shanxi.admin", "oversight-province", "/Oversight"),
            ("shanxi.admin", "home-admin", "/"),
            ("shanxi.admin", "admin-years", "/Admin/Years"),
            ("shanxi.admin", "admin-users", "/Admin/Users"),
            ("shanxi.admin", "admin-regions", "/Admin/Regions"),
            ("shanxi.admin", "admin-schemes", "/Admin/Schemes"),
            ("shanxi.admin", "admin-audit", "/Admin/Audit"),
            ("shanxi.admin", "admin-service-accounts", "/Admin/ServiceAccounts"),
            ("wenxi.official", "profile-tokens", "/Account/Profile"),
        };

        // The two sizes are walked side by side, each in browser contexts of its own (no page of the tour changes anything).
        var bySize = await Task.WhenAll(Sizes.Select(async s =>
        {
            var (size, width, height) = s;
            var found = new List<string>();
            var anonymous = await AnonymousPageAsync(width, height);
            found.AddRange(await CheckAsync(anonymous, "login", await anonymous.GotoAsync(portal.RootUri + "/Account/Login"), "/Account/Login", size));
            await anonymous.Context.CloseAsync();
            foreach (var user in tour.GroupBy(t => t.User))
            {
                var page = await portal.SignedInPageAsync(user.Key, width, height);
                foreach (var (_, name, path) in user) found.AddRange(await CheckAsync(page, name, await page.GotoAsync(portal.RootUri + path), path, size));
                if (user.Key == "wenxi.official")
                {
                    // Autosave's states and an ended session, both without writing anything (the tour changes nothing): a value
                    // the server refuses (保存失败), then the session ended and a value typed after it (未保存, kept in the tab).
                    var areaPath = $"/Evaluations/{id}/Areas/A10_PRESCHOOL";
                    await page.Clock.InstallAsync();
                    var area = await page.GotoAsync(portal.RootUri + areaPath);
                    await page.FillAsync("#f-A10-04", "一万二");
                    await page.PressAsync("#f-A10-04", "Tab");
                    await Assertions.Expect(page.Locator("[data-autosave-for='A10.04']")).ToContainTextAsync("保存失败");
                    found.AddRange(await CheckAsync(page, "autosave-failed", area, areaPath, size));
                    await page.Context.ClearCookiesAsync();
                    await page.FillAsync("#f-A10-02", "10999");
                    await page.PressAsync("#f-A10-02", "Tab");
                    await Assertions.Expect(page.Locator("[data-autosave-for='A10.02']")).ToContainTextAsync("未保存");
                    await page.Clock.FastForwardAsync("26:00");
                    await Assertions.Expect(page.Locator("#session-notice")).ToBeVisibleAsync();
                    found.AddRange(await CheckAsync(page, "session-ended", area, areaPath, size));
                }

                if (user.Key == "yuncheng.supervisor")
                {
                    // Refused states: what the supervisor sees after a refused approval and a refused return (nothing changes).
                    await page.GotoAsync(submitted);
                    await page.FillAsync("#approval-opinion-text", "经审核，同意通过。");
                    await page.FillAsync("#approval-requirements", "完善学前教育经费保障机制");
                    // The tick over open threads is required, so the browser stops before posting; past it, the server's refusal.
                    await page.EvaluateAsync("document.querySelector('#despite-open-threads')?.removeAttribute('required')");
                    var approval = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#approve-evaluation"), r => r.Request.Method == "POST");
                    await page.WaitForLoadStateAsync();
                    found.AddRange(await CheckAsync(page, "approval-refused", approval, submitted, size, refused: true));
                    await page.GotoAsync(submitted);
                    await page.FillAsync("input[name='Reasons[0].Text']", "请补充学前教育经费的说明");
                    var giveBack = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#return-evaluation"), r => r.Request.Method == "POST");
                    await page.WaitForLoadStateAsync();
                    found.AddRange(await CheckAsync(page, "return-refused", giveBack, submitted, size, refused: true));
                }

                await page.Context.CloseAsync();
            }

            return found;
        }));

        var problems = bySize.SelectMany(found => found).ToList();
        problems.AddRange(await HtmlChecker.ErrorsAsync(HtmlFolder));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private async Task<IPage> AnonymousPageAsync(int width, int height)
    {
        var context = await portal.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN" });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// 夏县's complete demo figures submitted by its lead, with one open comment thread of the supervisor on an area: the
    /// overview where approving is refused until the thread is settled. Answers the overview's address.
    /// </summary>
    private async Task<string> SubmittedWithAnOpenThreadAsync()
    {
        var id = await portal.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140828").Select(e => e.Id).SingleAsync());
        var overview = $"{portal.RootUri}/Evaluations/{id}";
        var status = await portal.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).Select(e => e.Status).SingleAsync());
        if (status != Core.Review.EvaluationStatus.Submitted)
        {
            var lead = await portal.SignedInPageAsync("xiaxian.lead");
            await lead.GotoAsync(overview);
            await lead.CheckAsync("#confirm-submit");
            foreach (var also in new[] { "#despite-warnings", "#despite-length" })
            {
                if (await lead.Locator(also).CountAsync() > 0) await lead.CheckAsync(also);
            }

            if (await lead.Locator("#despite-departments").CountAsync() > 0) { await lead.CheckAsync("#despite-departments"); await lead.FillAsync("#departments-reason", "部门数据已线下核对"); } // issue 30: 闻喜县\'s demo departments

            await lead.ClickAsync("#submit-evaluation");
            await Assertions.Expect(lead.Locator("#saved-message")).ToContainTextAsync("评价已提交");
            await lead.Context.CloseAsync();

            var supervisor = await portal.SignedInPageAsync("yuncheng.supervisor");
            await supervisor.GotoAsync(overview + "/Areas/A10_PRESCHOOL");
            await supervisor.Locator(".comment-link summary").First.ClickAsync();
            var box = supervisor.Locator(".comment-link textarea").First;
            await box.FillAsync("请说明学前教育经费的来源。");
            await supervisor.Locator(".comment-link button[type=submit]").First.ClickAsync();
            await Assertions.Expect(supervisor.Locator(".open-threads").First).ToBeVisibleAsync();
            await supervisor.Context.CloseAsync();
        }

        return overview;
    }

    /// <param name="refused">A refused form: answered 4xx on purpose, and the page must say why.</param>
    private async Task<IEnumerable<string>> CheckAsync(IPage page, string name, IResponse? response, string path, string size, bool refused = false)
    {
        var problems = new List<string>();
        if (refused)
        {
            if (response is null || response.Status is < 400 or >= 500) problems.Add($"{name} ({size}): {path} answered {response?.Status}, not a refusal");
            if (await page.Locator("[role=alert]").CountAsync() == 0) problems.Add($"{name} ({size}): the refusal is not said on the page");
        }
        else if (response is not { Ok: true }) problems.Add($"{name} ({size}): {path} answered {response?.Status}");

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "tour", $"{name}-{size}.png"), FullPage = true });
        // The HTML as the server sent it (not the browser's re-serialised DOM, which would hide markup errors).
        if (size == Sizes[0].Name && response is not null) await File.WriteAllTextAsync(Path.Combine(HtmlFolder, name + ".html"), await response.TextAsync(), Encoding.UTF8);

        var axe = await Axe.RunAsync(page);
        foreach (var violation in axe.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var targets = string.Join(" | ", violation.Nodes.Take(3).Select(n => $"{n.Target} {n.Any.FirstOrDefault()?.Message}"));
            problems.Add($"{name} ({size}): {violation.Impact} {violation.Id} on {violation.Nodes.Length} elements: {targets}");
        }

        problems.AddRange((await BrokenWordsAsync(page)).Select(text => $"{name} ({size}): “{text}” wraps inside a word"));
        problems.AddRange((await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('mark')].filter(m => getComputedStyle(m).display !== 'inline').map(m => m.textContent)"))
            .Select(text => $"{name} ({size}): the figure “{text}” sits in a box instead of running with the text"));
        problems.AddRange((await WiderThanTheScreenAsync(page)).Select(element => $"{name} ({size}): {element} is wider than the screen"));
        problems.AddRange((await OneCharacterPerLineAsync(page)).Select(text => $"{name} ({size}): table cell “{text}” is squeezed into a column too narrow to read"));
        var visible = await page.InnerTextAsync("body");
        problems.AddRange(InternalArtifacts.Matches(visible).Select(m => $"{name} ({size}): internal artifact “{m.Value}” is shown"));
        problems.AddRange(await LayoutAsync(page, name, size, page.ViewportSize!.Width));
        if (LayoutWidths.TryGetValue(size, out var widths))
        {
            // The same page at other widths: the layout checks and a screenshot at each, then back to the walk's own size.
            var own = page.ViewportSize!;
            foreach (var width in widths)
            {
                await page.SetViewportSizeAsync(width, Sizes[0].Height);
                // The window only: the header and the page's first screen.
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "tour", $"{name}-{width}.png") });
                problems.AddRange(await LayoutAsync(page, name, $"{width} px", width));
                problems.AddRange((await BrokenWordsAsync(page)).Select(text => $"{name} ({width} px): “{text}” wraps inside a word"));
                problems.AddRange((await WiderThanTheScreenAsync(page)).Select(element => $"{name} ({width} px): {element} is wider than the screen"));
            }

            await page.SetViewportSizeAsync(own.Width, own.Height);
        }

        return problems;
    }

    /// <summary>The header's height from 1024 px on and text set one character a line, at any width.</summary>
    private static async Task<IEnumerable<string>> LayoutAsync(IPage page, string name, string size, int width)
    {
        var problems = new List<string>();
        if (width >= 1024 && await LayoutChecks.HeaderHeightAsync(page) is var height and > HeaderLimit)
            problems.Add($"{name} ({size}): the header is {height:0} px high (at most {HeaderLimit:0})");
        problems.AddRange((await LayoutChecks.OneCharacterPerLineAsync(page)).Select(text => $"{name} ({size}): “{text}” is set one character a line"));
        return problems;
    }

    /// <summary>
    /// What only engineers should see: area keys (A10_PRESCHOOL), region paths (/14/1408/), scheme hashes, database ids
    /// ("方案 1"), repository file paths (docs/scheme-format.md).
    /// </summary>
    private static readonly Regex InternalArtifacts = new(@"\b[A-Z]\d\d_[A-Z_]{3,}\b|/\d{2}(/\d{4,}){1,}/|\b[0-9a-f]{40,64}\b|方案 \d+\b|\b(docs|src)/[\w./-]+", RegexOptions.CultureInvariant);

    /// <summary>
    /// Elements reaching past the right edge of the window, outside any horizontally scrolling box: the page as a whole
    /// would scroll sideways. Reports the innermost ones (a select, a form row), not every ancestor.
    /// </summary>
    private static async Task<string[]> WiderThanTheScreenAsync(IPage page) => await page.EvaluateAsync<string[]>("""
        () => {
          if (document.documentElement.scrollWidth <= window.innerWidth) return [];
          const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
          const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !scrolls(e));
          const named = wide.filter(e => !wide.some(o => o !== e && e.contains(o)))
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''));
          // An absolutely placed element escapes a scroller that is not its containing block: still the page scrolls sideways.
          return named.length > 0 ? named : [`the page (${document.documentElement.scrollWidth} px)`];
        }
        """);

    /// <summary>
    /// Table cell text squeezed into a column too narrow to read: one character a line, or fewer than four a line on
    /// average for six characters or more (a title column on a phone).
    /// </summary>
    private static async Task<string[]> OneCharacterPerLineAsync(IPage page) => await page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('td, th')]
          .filter(e => e.offsetParent !== null)
          .flatMap(e => { const w = document.createTreeWalker(e, NodeFilter.SHOW_TEXT); const nodes = []; while (w.nextNode()) nodes.push(w.currentNode); return nodes; })
          .filter(n => n.textContent.trim().length >= 3)
          .filter(n => {
            const range = document.createRange(); range.selectNodeContents(n);
            const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
            const length = [...n.textContent.trim()].length;
            return lines.size >= length || (length >= 6 && length / lines.size < 4);
          })
          .map(n => n.textContent.trim())
        """);

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
