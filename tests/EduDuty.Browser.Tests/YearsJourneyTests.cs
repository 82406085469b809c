using EduDuty.Core.Review;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 16 in a browser: 闻喜县 2021 submitted with the golden figures; the supervisor approves it with a 整改意见; the admin
/// opens 2022; the county finds last year's spending carried into 2022 and the rectification section in its report preview.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class YearsJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    [Fact]
    public async Task Approved_2021_then_2022_opened_with_last_years_figures_and_the_rectification_section()
    {
        var id2021 = await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync());
        // Submitted by its lead through the review step (the edition frozen then), so approval signs that edition's PDF.
        await CountyFigures.ImportAsync(Portal.Services, id2021, "wenxi.official", PlausibleCompletion.Complete(GoldenCase.Scheme, GoldenCase.Figures));
        await CountyFigures.SubmitAsync(Portal.Services, id2021, "wenxi.lead");

        // The supervisor approves 2021 with one requirement of their own.
        var supervisor = await Portal.SignedInPageAsync("yuncheng.supervisor");
        await supervisor.GotoAsync($"{Portal.RootUri}/Evaluations/{id2021}");
        await supervisor.FillAsync("#approval-requirements", "建立教师工资保障长效机制");
        await Shot(supervisor, "years-1-approve-with-requirements.png");
        await supervisor.ClickAsync("#approve-evaluation");
        await Expect(supervisor.Locator("#review-note")).ToContainTextAsync("已审核通过");

        // The county sees its tasks and starts on the supervisor's.
        var official = await Portal.SignedInPageAsync("wenxi.official");
        await official.ClickAsync("a.nav-link:has-text('整改任务')");
        var task = official.Locator("#tasks section:has-text('建立教师工资保障长效机制')");
        await task.Locator("input[name='Input.ResponsibleUnit']").FillAsync("县人社局");
        await task.Locator("select[name='Input.Status']").SelectOptionAsync("InProgress");
        await task.Locator("textarea[name='Input.Note']").FillAsync("已纳入县级财政预算。");
        await task.Locator(".task-form button[type=submit]").ClickAsync();
        await Expect(official.Locator("#rectification-message")).ToContainTextAsync("整改任务已更新");
        // …and attaches the budget document as evidence of it.
        await task.Locator(".task-attach input[type=file]").SetInputFilesAsync(new FilePayload { Name = "县级财政预算.pdf", MimeType = "application/pdf", Buffer = File.ReadAllBytes(EduDuty.Testing.RepositoryPaths.Fixture("evidence", "notice.pdf")) });
        await task.Locator(".task-attach button[type=submit]").ClickAsync();
        await Expect(official.Locator("#rectification-message")).ToContainTextAsync("已上传 1 份整改佐证材料");
        await Expect(task.Locator(".task-evidence li")).ToContainTextAsync("县级财政预算");
        await Shot(official, "years-2-rectification-tasks.png");

        // The admin opens 2022 for 运城市: 闻喜县 takes last year's figures.
        var admin = await Portal.SignedInPageAsync("shanxi.admin");
        await admin.GotoAsync($"{Portal.RootUri}/Admin/Years?Year=2022&Region=140800");
        await Expect(admin.Locator("#carry-mappings")).ToContainTextAsync("A04.01");
        await admin.ClickAsync("#open-year-form button[type=submit]");
        await Expect(admin.Locator("#admin-message")).ToContainTextAsync("其中 1 个县带入了上年数据");

        // 2022's finance page: the prior-year spending is last year's 57628 万元, marked and linked back.
        var id2022 = await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140823" && e.Year == 2022).Select(e => e.Id).SingleAsync());
        await official.GotoAsync($"{Portal.RootUri}/Evaluations/{id2022}/Areas/A04_FINANCE");
        await Expect(official.Locator("#f-A04-02")).ToHaveValueAsync("57628");
        await Expect(official.Locator("[data-last-year-for='A04.02'] .carried-badge")).ToHaveTextAsync("来自上年");
        await Shot(official, "years-3-carried-figures.png");

        // Its report preview tells last year's problems before this year's.
        await official.GotoAsync($"{Portal.RootUri}/Evaluations/{id2022}/Report");
        var preview = official.Locator("#report-preview");
        await Expect(preview).ToContainTextAsync("三、上年度问题整改情况");
        await Expect(preview).ToContainTextAsync("建立教师工资保障长效机制");
        await Expect(preview).ToContainTextAsync("整改状态：整改中。责任单位：县人社局。最新进展：已纳入县级财政预算。");
        await Shot(official, "years-4-report-rectification.png");
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, name), FullPage = true });
}
