using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 27, item 5: evidence on the row. The official opens the panel of 民办学校数 on the area page, attaches a file in place
/// (the success note in the panel, still on the area page, the row in view), replaces it (the first version kept as
/// history), and a partly refused batch names the refused file while the list shows the one that went up. The panel and the
/// to-do list are photographed at 390 and 1366 px.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class EvidencePanelJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    private static readonly string Shots = Directory.CreateDirectory(Path.Combine(BrowserPortal.Artifacts, "evidence-panel")).FullName;

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task Attach_and_replace_in_place_on_the_row_with_a_success_note(int width, int height)
    {
        var pdf = await File.ReadAllBytesAsync(EduDuty.Testing.RepositoryPaths.Fixture("evidence", "notice.pdf"));
        var docx = await File.ReadAllBytesAsync(EduDuty.Testing.RepositoryPaths.Fixture("evidence", "notice.docx"));
        var id = await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140823").Select(e => e.Id).SingleAsync());
        await Portal.WithDbAsync(db => db.EvidenceFiles.Where(f => f.EvaluationId == id).ExecuteDeleteAsync());
        var official = await Portal.SignedInPageAsync("wenxi.official", width, height);
        var area = $"{Portal.RootUri}/Evaluations/{id}/Areas/A07_PRIVATE_COMPULSORY";
        await official.GotoAsync(area);

        var panel = official.Locator("details.evidence-panel[data-evidence-for='A07.07']");
        await panel.Locator("summary").ClickAsync();
        await Expect(panel).ToHaveAttributeAsync("open", "");
        await Expect(panel.Locator("a.evidence-panel-nojs")).ToBeHiddenAsync(); // with script: in place, not via the evidence page
        await panel.Locator(".evidence-panel-attach input[type=file]").SetInputFilesAsync(new FilePayload { Name = "民办学校名单.pdf", MimeType = "application/pdf", Buffer = pdf });
        await panel.Locator(".evidence-panel-upload").ClickAsync();

        panel = official.Locator("details.evidence-panel[data-evidence-for='A07.07']");
        await Expect(panel.Locator(".evidence-panel-saved")).ToHaveTextAsync("已上传 1 个文件：民办学校名单。");
        await Expect(panel.Locator("li.evidence-panel-piece")).ToHaveCountAsync(1);
        await Expect(panel.Locator("li.evidence-panel-piece")).ToContainTextAsync("督导尚未评定");
        Assert.StartsWith(area, official.Url, StringComparison.Ordinal); // never left the area page
        await Expect(panel).ToBeInViewportAsync();
        await panel.ScrollIntoViewIfNeededAsync();
        await official.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"panel-attached-{width}.png") });

        // 替换: the new version, the first one kept as history.
        await panel.Locator(".evidence-panel-replace input[type=file]").SetInputFilesAsync(new FilePayload { Name = "民办学校名单（盖章）.docx", MimeType = "application/octet-stream", Buffer = docx });
        await panel.Locator(".evidence-panel-replace-button").ClickAsync();
        panel = official.Locator("details.evidence-panel[data-evidence-for='A07.07']");
        await Expect(panel.Locator(".evidence-panel-saved")).ToContainTextAsync("已替换“民办学校名单”为 民办学校名单（盖章）.docx（第 2 版）");
        await Expect(panel.Locator(".evidence-panel-version")).ToContainTextAsync("第 1 版 民办学校名单.pdf");

        // A batch with one file refused: the refused one is named, the other is in the list.
        await panel.Locator(".evidence-panel-attach input[type=file]").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "统计表.xlsx", MimeType = "application/octet-stream", Buffer = await File.ReadAllBytesAsync(EduDuty.Testing.RepositoryPaths.Fixture("evidence", "table.xlsx")) },
            new FilePayload { Name = "伪装文件.pdf", MimeType = "application/pdf", Buffer = "MZ\u0090\0 not a pdf"u8.ToArray() },
        });
        await panel.Locator(".evidence-panel-upload").ClickAsync();
        panel = official.Locator("details.evidence-panel[data-evidence-for='A07.07']");
        await Expect(panel.Locator(".evidence-panel-errors")).ToContainTextAsync("伪装文件.pdf");
        await Expect(panel.Locator("li.evidence-panel-piece")).ToHaveCountAsync(2);
        await Expect(panel.Locator(".evidence-panel-summary")).ToContainTextAsync("佐证材料 2 份");
        await panel.ScrollIntoViewIfNeededAsync();
        await official.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"panel-refused-{width}.png") });

    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task An_approved_evaluations_open_rectification_tasks_are_on_the_to_do_list_and_lead_to_the_task(int width, int height)
    {
        var today = EduDuty.Core.Text.ChinaTime.Today(Portal.Clock);
        var id = await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140828").Select(e => e.Id).SingleAsync());
        var overdue = await Portal.WithDbAsync(async db =>
        {
            await db.RectificationTasks.Where(t => t.EvaluationId == id).ExecuteDeleteAsync();
            await db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EduDuty.Core.Review.EvaluationStatus.Approved));
            var now = Portal.Clock.GetUtcNow().UtcDateTime;
            var tasks = new[]
            {
                (1, "学前教育毛入园率未达到 90%", 40, EduDuty.Core.Rectification.RectificationStatus.NotStarted),
                (2, "教师培训经费未达到公用经费的 5%", 5, EduDuty.Core.Rectification.RectificationStatus.InProgress),
                (3, "部分学校校舍安全隐患未整改", -3, EduDuty.Core.Rectification.RectificationStatus.InProgress),
            }.Select(t => new EduDuty.Data.Entities.RectificationTask
            {
                EvaluationId = id, Number = t.Item1, Problem = t.Item2, DueDate = today.AddDays(t.Item3), Status = t.Item4,
                Source = EduDuty.Core.Rectification.RectificationSource.Supervisor, CreatedAtUtc = now, UpdatedAtUtc = now,
            }).ToList();
            db.RectificationTasks.AddRange(tasks);
            await db.SaveChangesAsync();
            return tasks[2].Id;
        });

        var official = await Portal.SignedInPageAsync("xiaxian.official", width, height);
        await official.GotoAsync(Portal.RootUri + "/");
        var items = official.Locator("#todo li[data-target='Rectification']");
        await Expect(items).ToHaveCountAsync(3);
        await Expect(items.First).ToContainTextAsync("整改任务 3“部分学校校舍安全隐患未整改”已逾期");
        await official.Locator("#todo").ScreenshotAsync(new() { Path = Path.Combine(Shots, $"todo-{width}.png") });

        await items.First.Locator("a").ClickAsync();
        await Expect(official.Locator($"#task-{overdue}")).ToBeInViewportAsync();
    }
}
