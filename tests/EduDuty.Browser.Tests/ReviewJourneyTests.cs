using EduDuty.Core.Figures;
using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>The whole review, each person in their own browser session, with screenshots of the main steps.</summary>
[Collection(BrowserPortal.Collection)]
public sealed class ReviewJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    [Fact]
    public async Task Fill_in_submit_return_fix_resubmit_approve_download_and_then_nothing_can_change()
    {
        var figures = Path.Combine(Path.GetTempPath(), $"wenxi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(figures, CompleteFigures("闻喜县"));
        try
        {
            var official = await SignInAsync("wenxi.official");
            var lead = await SignInAsync("wenxi.lead");
            var supervisor = await SignInAsync("yuncheng.supervisor");
            var overview = await OverviewUrlAsync(official);

            // The official fills everything in with an upload, previews, confirms.
            await official.GotoAsync(overview);
            await official.SetInputFilesAsync("#import-file", figures);
            await official.ClickAsync("#import-form button[type=submit]");
            await Expect(official.Locator("#import-changes")).ToBeVisibleAsync();
            await official.ClickAsync("#apply-form button[type=submit]");
            await Expect(official.Locator("#saved-message")).ToContainTextAsync("导入完成");

            // The lead sees the failing indicators, confirms and submits.
            await lead.GotoAsync(overview);
            await Expect(lead.Locator("#submit-form")).ToContainTextAsync("民办义务教育在校生占比 17.25%");
            await lead.CheckAsync("#confirm-submit");
            if (await lead.Locator("#despite-departments").CountAsync() > 0) { await lead.CheckAsync("#despite-departments"); await lead.FillAsync("#departments-reason", "部门数据已线下核对"); } // issue 30: 闻喜县\'s demo departments
            await lead.ClickAsync("#submit-evaluation");
            await Expect(lead.Locator("#saved-message")).ToContainTextAsync("评价已提交");
            await Shot(lead, "journey-1-submitted.png");

            // The supervisor returns it with a reason on the private-school share.
            await supervisor.GotoAsync(overview);
            await supervisor.SelectOptionAsync("select[name='Reasons[0].Target']", "A07.07");
            await supervisor.FillAsync("input[name='Reasons[0].Text']", "请写明压减民办义务教育在校生的具体措施和时限");
            await Shot(supervisor, "journey-2-return-form.png");
            await supervisor.ClickAsync("#return-evaluation");
            await Expect(supervisor.Locator("#saved-message")).ToContainTextAsync("已退回");

            // The official sees the reason at the top and writes the measure for that indicator.
            await official.GotoAsync(overview);
            await Expect(official.Locator("#return-reasons")).ToContainTextAsync("请写明压减民办义务教育在校生的具体措施和时限");
            await Shot(official, "journey-3-returned.png");
            await official.GotoAsync(overview + "/Report");
            await official.ClickAsync("#add-problem summary");
            await official.FillAsync("input[name='Form.Problems[0].Heading']", "全县民办义务教育阶段在校生占比超过{A07.07.target}%");
            await official.FillAsync("textarea[name='Form.Problems[0].Measures']", "对3所民办学校分别采取民转公、缩轨方式,确保到{A07.11}年占比降至{A07.07.target}%以内。");
            await official.FillAsync("input[name='Form.Problems[0].Codes']", "A07.07");
            await official.ClickAsync("#save-report");
            await Expect(official.Locator("#report-preview")).ToContainTextAsync("确保到2023年占比降至5%以内");

            // The lead resubmits; the supervisor approves.
            await lead.GotoAsync(overview);
            await lead.CheckAsync("#confirm-submit");
            if (await lead.Locator("#despite-departments").CountAsync() > 0) { await lead.CheckAsync("#despite-departments"); await lead.FillAsync("#departments-reason", "部门数据已线下核对"); } // issue 30: 闻喜县\'s demo departments
            await lead.ClickAsync("#submit-evaluation");
            await Expect(lead.Locator("#saved-message")).ToContainTextAsync("评价已提交");
            await supervisor.GotoAsync(overview);
            await Expect(supervisor.Locator("#changes-since-return")).ToContainTextAsync("自评报告设置");
            await Expect(supervisor.Locator("#open-threads-warning")).ToContainTextAsync("尚未解决");
            await supervisor.FillAsync("#approval-opinion-text", "经审核，同意通过。请按计划压减民办义务教育在校生占比。");
            await supervisor.CheckAsync("#despite-open-threads");
            await supervisor.ClickAsync("#approve-evaluation");
            await Expect(supervisor.Locator("#review-note")).ToContainTextAsync("已审核通过");
            await Expect(supervisor.Locator("#approval-opinion")).ToContainTextAsync("请按计划压减民办义务教育在校生占比");
            await Shot(supervisor, "journey-4-approved.png");

            // The official downloads the PDF.
            await official.GotoAsync(overview + "/Report");
            var download = await official.RunAndWaitForDownloadAsync(() => official.ClickAsync("#download-pdf"));
            Assert.Equal("闻喜县2021年度履行教育职责自评报告.pdf", download.SuggestedFilename);
            var pdf = Path.Combine(BrowserPortal.Artifacts, "journey-report.pdf");
            await download.SaveAsAsync(pdf);
            Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(pdf))[..5]));

            // After approval nothing can be changed.
            var id = int.Parse(overview.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
            var before = await Portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EvaluationId == id));
            await official.GotoAsync(overview + "/Areas/A07_PRIVATE_COMPULSORY");
            await Expect(official.Locator("#read-only-note")).ToContainTextAsync("内容已锁定");
            Assert.True(await official.Locator("#f-A07-06").IsDisabledAsync());
            await Expect(official.Locator("#save")).ToHaveCountAsync(0);
            var token = await official.InputValueAsync("#area-form input[name=__RequestVerificationToken]");
            var refused = await official.APIRequest.PostAsync(overview + "/Areas/A07_PRIVATE_COMPULSORY", new()
            {
                Form = official.APIRequest.CreateFormData().Set("__RequestVerificationToken", token).Set("Form.Values[A07.06]", "1").Set("Form.Versions[A07.06]", "1"),
            });
            Assert.Equal(409, refused.Status);
            Assert.Contains("内容已锁定", await refused.TextAsync());
            await official.GotoAsync(overview);
            await Expect(official.Locator("#import-form")).ToHaveCountAsync(0);
            await Shot(official, "journey-5-locked.png");
            Assert.Equal(before, await Portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EvaluationId == id)));
            Assert.Equal(EvaluationStatus.Approved, await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
        }
        finally
        {
            File.Delete(figures);
        }
    }

    private Task<IPage> SignInAsync(string user) => Portal.SignedInPageAsync(user);

    private async Task<string> OverviewUrlAsync(IPage page)
    {
        await page.GotoAsync(Portal.RootUri + "/");
        var href = await page.GetAttributeAsync("#evaluations tr:has-text('闻喜县') a.btn", "href");
        return Portal.RootUri + href;
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, name), FullPage = true });

    /// <summary>The golden figures plus a value for every other required input, as a county would upload them.</summary>
    internal static string CompleteFigures(string county)
    {
        var values = PlausibleCompletion.Complete(GoldenCase.Scheme, GoldenCase.Figures);
        return FiguresFile.Write(GoldenCase.Scheme, county, 2021, values);
    }
}
