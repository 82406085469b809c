using EduDuty.Core.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 31 in Chromium: the province admin opens the example survey for 闻喜县 and reads the 社会人士 link from the round page
/// (the link its QR code and poster carry); a parent's phone without an account opens it, answers every question, sees the
/// thank-you page, opens the link again and answers again → told the device was counted once. The stored result is the one
/// sheet: one counted sheet in the tallies and the parent's 满意 on the overall question (P12, the 12th of the public's
/// questionnaire in Surveys/SX-2021.survey.json). Screenshots at 390, 1024, 1280, 1366 and 1440 px go to /tmp/survey-shots.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class SurveyJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    private static readonly string Shots = Directory.CreateDirectory("/tmp/survey-shots").FullName;

    private static async Task ShootAsync(IPage page, string name, int back = 390)
    {
        foreach (var width in new[] { 390, 1024, 1280, 1366, 1440 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{name}-{width}.png"), FullPage = true });
        }

        await page.SetViewportSizeAsync(back, 844);
    }

    [Fact]
    public async Task A_phone_opens_the_link_answers_sees_the_thanks_and_a_second_answer_is_counted_once()
    {
        // The admin opens the example survey for 闻喜县 over the 2021 evaluation period (the portal's clock is 2021-11-01).
        var admin = await Portal.SignedInPageAsync("shanxi.admin");
        await admin.GotoAsync(Portal.RootUri + "/Admin/Surveys");
        await admin.SelectOptionAsync("#open-region", "140823");
        await admin.FillAsync("#open-year", "2021");
        await admin.FillAsync("#open-from", "2021-11-01");
        await admin.FillAsync("#open-to", "2021-11-30");
        await admin.ClickAsync("#survey-open-form button[type=submit]");
        await admin.ClickAsync("#opened-round-link");
        var door = admin.Locator("section.round-county[data-county='140823'] .survey-door[data-channel='Public'] a.door-link");
        var path = await door.GetAttributeAsync("href");
        Assert.Matches("^/public/survey/[A-Za-z0-9_-]{22}$", path);
        await Expect(admin.Locator("section.round-county[data-county='140823'] .survey-door[data-channel='Public'] img.door-qr")).ToBeVisibleAsync();
        await ShootAsync(admin, "1-admin-round", 1280);
        var token = path![(path!.LastIndexOf('/') + 1)..];

        // A phone without an account.
        var context = await Portal.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = "zh-CN",
        });
        var phone = await context.NewPageAsync();
        await phone.GotoAsync(Portal.RootUri + path);
        await Expect(phone.Locator("#survey-lead")).ToContainTextAsync("闻喜县");
        await Expect(phone.Locator("#survey-notice")).ToContainTextAsync("匿名");
        await ShootAsync(phone, "2-phone-questionnaire");
        await AnswerAsync(phone);
        // The parent took a minute and a half (the portal's clock): more than Survey:MinimumSeconds, so the sheet counts.
        Portal.Clock.Advance(TimeSpan.FromSeconds(90));
        await phone.ClickAsync("#survey-submit");
        await Expect(phone.Locator("#survey-thanks")).ToContainTextAsync("感谢您的参与");
        await ShootAsync(phone, "3-phone-thanks");

        // The same phone answers again: told it was counted once, nothing more stored.
        await phone.GotoAsync(Portal.RootUri + path);
        await AnswerAsync(phone);
        Portal.Clock.Advance(TimeSpan.FromSeconds(90));
        await phone.ClickAsync("#survey-submit");
        await Expect(phone.Locator("#survey-once")).ToContainTextAsync("只计");
        await ShootAsync(phone, "4-phone-counted-once");
        await context.CloseAsync();

        var (sheets, counted, suspect, overallSatisfied) = await Portal.WithDbAsync(async db =>
        {
            var link = await db.SurveyLinks.SingleAsync(l => l.Token == token);
            var tallies = db.SurveyTallies.Where(t => t.RoundId == link.RoundId && t.CountyId == link.CountyId && t.Group == SurveyGroup.Public);
            return (await db.SurveyAnswers.CountAsync(a => a.LinkId == link.Id),
                await tallies.Where(t => t.Question == 0 && t.Option == 0).SumAsync(t => t.Count),
                await tallies.Where(t => t.Question == 0 && t.Option == 1).SumAsync(t => t.Count),
                await tallies.Where(t => t.Question == 12 && t.Option == 1).SumAsync(t => t.Count));
        });
        Assert.Equal((1, 1L, 0L, 1L), (sheets, counted, suspect, overallSatisfied));
    }

    // Every question answered as a satisfied parent would: the first option of each choice and scale question (满意 on the
    // scale), the first of each multiple-choice one, and a sentence in the open one.
    private static async Task AnswerAsync(IPage phone)
    {
        foreach (var kind in new[] { "single", "scale", "multiple" })
        {
            var first = phone.Locator($"fieldset.survey-question[data-kind='{kind}'] .survey-option:first-child input");
            for (var i = 0; i < await first.CountAsync(); i++) await first.Nth(i).CheckAsync();
        }

        var open = phone.Locator("fieldset.survey-question[data-kind='open'] textarea");
        for (var i = 0; i < await open.CountAsync(); i++) await open.Nth(i).FillAsync("希望多建公办幼儿园。");
    }
}
