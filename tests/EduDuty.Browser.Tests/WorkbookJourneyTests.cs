using EduDuty.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 14's journey in the browser: the county downloads its Excel workbook from the overview, two cells are filled in
/// (with the Open XML SDK, as Excel would save them), the workbook is uploaded and the preview shows the two changes and the
/// indicator they make computable; confirming saves them.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class WorkbookJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    private const string Preschool = "（十）学前教育普及普惠发展情况";

    [Fact]
    public async Task Download_fill_two_cells_upload_and_see_the_preview()
    {
        var official = await Portal.SignedInPageAsync("wenxi.official");
        await official.GotoAsync(Portal.RootUri + "/");
        var overview = Portal.RootUri + await official.GetAttributeAsync("#evaluations tr:has-text('闻喜县') a.btn", "href");
        await official.GotoAsync(overview);

        var download = await official.RunAndWaitForDownloadAsync(() => official.ClickAsync("#workbook-link"));
        Assert.Equal("闻喜县-2021-填报表.xlsx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"wenxi-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        var workbook = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, XlsxEdit.Set(workbook,
            (Preschool, $"E{XlsxEdit.RowOf(workbook, Preschool, "A10.01")}", 10755m),   // the golden 学前三年适龄人口
            (Preschool, $"E{XlsxEdit.RowOf(workbook, Preschool, "A10.02")}", 10736m))); // and 在园幼儿数

        await official.SetInputFilesAsync("#import-file", path);
        await official.ClickAsync("#import-form button[type=submit]");

        await Expect(official.Locator("#import-changes tbody tr")).ToHaveCountAsync(2);
        await Expect(official.Locator("#import-changes")).ToContainTextAsync("10755");
        await Expect(official.Locator("#import-judgments")).ToContainTextAsync("学前三年毛入园率");
        await Expect(official.Locator("#import-judgments")).ToContainTextAsync("99.82"); // golden A10.03
        await official.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "workbook-preview.png"), FullPage = true });

        await official.ClickAsync("#apply-form button[type=submit]");
        await Expect(official.Locator("#saved-message")).ToContainTextAsync("修改了 2 项数据");
        File.Delete(path);
    }
}
