using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 13's journey, each person in their own browser: the county attaches a PDF and a photo to 民办义务教育在校生占比
/// from the indicator's row, the supervisor judges the photo 不充分 and returns the evaluation, the county replaces it, and
/// the report lists the evidence. 夏县, whose figures are complete, so that its lead can submit.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class EvidenceJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    // A 1 × 1 PNG.
    private static readonly byte[] Photo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Attach_judge_insufficient_return_replace_and_the_report_lists_the_evidence()
    {
        var pdf = await File.ReadAllBytesAsync(EduDuty.Testing.RepositoryPaths.Fixture("evidence", "notice.pdf"));
        var official = await Portal.SignedInPageAsync("xiaxian.official");
        var lead = await Portal.SignedInPageAsync("xiaxian.lead");
        var supervisor = await Portal.SignedInPageAsync("yuncheng.supervisor");
        await official.GotoAsync(Portal.RootUri + "/");
        var overview = Portal.RootUri + await official.GetAttributeAsync("#evaluations tr:has-text('夏县') a.btn", "href");

        // The county's figures, complete, imported as a county would (the journey is about the evidence).
        var figures = Path.Combine(Path.GetTempPath(), $"xiaxian-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(figures, ReviewJourneyTests.CompleteFigures("夏县"));
        await official.GotoAsync(overview);
        await official.SetInputFilesAsync("#import-file", figures);
        await official.ClickAsync("#import-form button[type=submit]");
        await official.ClickAsync("#apply-form button[type=submit]");
        await Expect(official.Locator("#saved-message")).ToContainTextAsync("导入完成");
        File.Delete(figures);

        // From the indicator's row to the upload, the indicator already chosen; two files at once, each with its progress.
        await official.GotoAsync(overview + "/Areas/A07_PRIVATE_COMPULSORY");
        await official.ClickAsync("[data-evidence-for='A07.07'] summary");
        await official.ClickAsync("[data-evidence-for='A07.07'] a:has-text('全部佐证材料')");
        await Expect(official.Locator("#target")).ToHaveValueAsync("A07.07");
        await official.SetInputFilesAsync("#files", new[]
        {
            new FilePayload { Name = "夏县民办学校名单.pdf", MimeType = "application/pdf", Buffer = pdf },
            new FilePayload { Name = "公示照片.png", MimeType = "image/png", Buffer = Photo },
        });
        await official.ClickAsync("#upload-button");
        await Expect(official.Locator(".evidence-item")).ToHaveCountAsync(2);
        await Shot(official, "evidence-1-attached.png");

        await lead.GotoAsync(overview);
        if (await lead.Locator("#confirm-submit").CountAsync() > 0) await lead.CheckAsync("#confirm-submit"); // only when indicators fail
        if (await lead.Locator("#despite-departments").CountAsync() > 0) { await lead.CheckAsync("#despite-departments"); await lead.FillAsync("#departments-reason", "部门数据已线下核对"); } // issue 30: 闻喜县\'s demo departments
        await lead.ClickAsync("#submit-evaluation");
        await Expect(lead.Locator("#saved-message")).ToContainTextAsync("评价已提交");

        // The supervisor judges the photo insufficient, then returns the evaluation on that indicator.
        await supervisor.GotoAsync(overview + "/Evidence");
        var photo = supervisor.Locator(".evidence-item", new() { HasText = "公示照片" });
        await photo.Locator("input[value=Insufficient]").CheckAsync();
        await photo.Locator("input[name=reason]").FillAsync("照片看不清公示内容，请上传盖章的公示文件");
        await photo.Locator("button:has-text('评定')").ClickAsync();
        await Expect(supervisor.Locator("#saved-message")).ToContainTextAsync("不充分");
        await Expect(supervisor.Locator("#evidence-summary")).ToContainTextAsync("1");
        await Shot(supervisor, "evidence-2-judged.png");
        await supervisor.GotoAsync(overview);
        await supervisor.SelectOptionAsync("select[name='Reasons[0].Target']", "A07.07");
        await supervisor.FillAsync("input[name='Reasons[0].Text']", "佐证材料不充分，请按评定理由补充");
        await supervisor.ClickAsync("#return-evaluation");
        await Expect(supervisor.Locator("#saved-message")).ToContainTextAsync("已退回");

        // The county sees it in its to-do, replaces the photo and removes it.
        await official.GotoAsync(Portal.RootUri + "/");
        await official.ClickAsync("a:has-text('份佐证材料被督导评为不充分')");
        await Expect(official.Locator(".evidence-item", new() { HasText = "公示照片" })).ToContainTextAsync("照片看不清公示内容");
        await official.SelectOptionAsync("#target", "A07.07");
        await official.FillAsync("#title", "夏县民办学校公示（盖章）");
        await official.SetInputFilesAsync("#files", new FilePayload { Name = "公示.pdf", MimeType = "application/pdf", Buffer = pdf });
        await official.ClickAsync("#upload-button");
        await Expect(official.Locator(".evidence-item")).ToHaveCountAsync(3);
        var old = official.Locator(".evidence-item", new() { HasText = "公示照片" });
        await old.Locator("summary:has-text('修改或删除')").ClickAsync();
        await old.Locator("button:has-text('删除这份材料')").ClickAsync();
        await Expect(official.Locator(".evidence-item")).ToHaveCountAsync(2);
        await Shot(official, "evidence-3-replaced.png");

        // The report lists both pieces under the area.
        await official.GotoAsync(overview + "/Report");
        await Expect(official.Locator("#evidence-catalog")).ToHaveTextAsync("佐证材料目录");
        await Expect(official.Locator("#report-preview")).ToContainTextAsync("夏县民办学校公示（盖章）");
        await Expect(official.Locator("#report-preview")).ToContainTextAsync("夏县民办学校名单");
        await Expect(official.Locator("#report-preview")).Not.ToContainTextAsync("公示照片");

        var id = int.Parse(overview.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var audit = await Portal.WithDbAsync(db => db.AuditEntries.Where(a => a.EvaluationId == id && a.Kind == AuditKind.Evidence).Select(a => a.Source).ToListAsync());
        Assert.Equal([AuditSource.Upload, AuditSource.Upload, AuditSource.Review, AuditSource.Upload, AuditSource.Form], audit);
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, name), FullPage = true });
}
