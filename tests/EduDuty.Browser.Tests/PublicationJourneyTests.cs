using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Review;
using EduDuty.Core.Figures;
using EduDuty.Core.Schemes;
using EduDuty.Data;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 25, 公示: the lead publishes the submitted report; a phone that never signed in opens the county's public page,
/// downloads the PDF and verifies it — no cookie set on the way, no serious accessibility problem on the public pages.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class PublicationJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    [Fact]
    public async Task The_lead_publishes_and_a_phone_without_an_account_reads_downloads_and_verifies_the_report()
    {
        var id = await SubmittedWenxiAsync();
        var lead = await Portal.SignedInPageAsync("wenxi.lead");
        await lead.GotoAsync($"{Portal.RootUri}/Evaluations/{id}/Report");
        await Expect(lead.Locator("#publication-state")).ToContainTextAsync("未公示");
        await lead.ClickAsync("#publish-start");
        await Expect(lead.Locator("#publish-edition")).ToHaveTextAsync("已提交 第1版");
        await lead.CheckAsync("#publish-confirmed");
        await lead.ClickAsync("#publish-submit");
        await Expect(lead.Locator("#saved-message")).ToContainTextAsync("已公示“已提交 第1版”");
        await Expect(lead.Locator("#publication-state")).ToContainTextAsync("已公示");
        await lead.Context.CloseAsync();

        var phone = await Portal.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 1, IsMobile = true, HasTouch = true, Locale = "zh-CN", AcceptDownloads = true,
        });
        try
        {
            var page = await phone.NewPageAsync();
            await page.GotoAsync($"{Portal.RootUri}/public/140800/2021");
            await Expect(page.Locator(".public-listing")).ToContainTextAsync("闻喜县2021年度自评报告");
            await CheckAsync(page, "public-list-390.png");
            await page.ClickAsync(".public-listing a");
            await Expect(page.Locator("#published-on")).ToHaveTextAsync("2021年11月1日");
            await CheckAsync(page, "public-report-390.png");

            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-pdf"));
            Assert.Equal("闻喜县2021年度履行教育职责自评报告.pdf", download.SuggestedFilename);
            var pdf = Path.Combine(BrowserPortal.Artifacts, "public-download.pdf");
            await download.SaveAsAsync(pdf);
            var stored = await Portal.WithDbAsync(db => db.ReportEditions.Where(e => e.EvaluationId == id).Select(e => e.Pdf).SingleAsync());
            Assert.Equal(stored, await File.ReadAllBytesAsync(pdf));

            await page.ClickAsync("#verify-link");
            // The link fills in the PDF's hash; the visitor uploads the downloaded file instead.
            await Expect(page.Locator("#verify-hash")).ToHaveValueAsync(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored)));
            await page.FillAsync("#verify-hash", string.Empty);
            await page.SetInputFilesAsync("#verify-file", pdf);
            await page.ClickAsync("#verify-submit");
            await Expect(page.Locator("#result-sentence")).ToHaveTextAsync("这是闻喜县2021年度自评报告的公示版本（已提交 第1版，2021年11月1日公示）。");
            await CheckAsync(page, "public-verify-genuine-390.png");

            Assert.Empty(await phone.CookiesAsync());
        }
        finally
        {
            await phone.CloseAsync();
        }
    }

    // 闻喜 with every required figure, submitted by its lead through the review step (the edition frozen as in the portal).
    private async Task<int> SubmittedWenxiAsync()
    {
        var id = await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync());
        var figures = PlausibleCompletion.Complete(GoldenCase.Scheme, GoldenCase.Figures);
        await CountyFigures.ImportAsync(Portal.Services, id, "wenxi.official", figures);
        await CountyFigures.SubmitAsync(Portal.Services, id, "wenxi.lead");
        return id;
    }

    // A screenshot, and no serious or critical accessibility violation.
    private static async Task CheckAsync(IPage page, string shot)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, shot), FullPage = true });
        var violations = (await Axe.RunAsync(page)).Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{shot}: {v.Impact} {v.Id} on {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target.ToString()))}").ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
