using EduDuty.Core.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 27 (forms): the refused approval keeps the typed opinion and 整改意见 and is stopped before the dialog; 停用 asks for
/// confirmation; the admin audit reads field by field; the error page's short reference. Screenshots at 390 and 1366 px go to
/// the artifacts folder (screenshots/forms).
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class FormsJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    // In the run's artifacts beside the tour (a fresh clone's CI keeps them), not in a folder of the machine.
    private static readonly string Shots = Path.Combine(BrowserPortal.Artifacts, "forms");

    [Fact]
    public async Task A_refused_approval_keeps_the_typed_opinion_and_requirements_and_is_stopped_before_the_dialog()
    {
        var id = await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync());
        await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Submitted)));
        var supervisor = await Portal.SignedInPageAsync("yuncheng.supervisor", 1366, 900);
        var overview = $"{Portal.RootUri}/Evaluations/{id}";
        await supervisor.GotoAsync($"{overview}/Comments");
        await supervisor.FillAsync("#comment-text", "请核对学前教育三年毛入园率的口径");
        await supervisor.ClickAsync("#new-thread-form button[type=submit]");

        await supervisor.GotoAsync(overview);
        var dialogs = 0;
        supervisor.Dialog += (_, _) => dialogs++; // the portal's pages accept dialogs themselves
        await supervisor.FillAsync("#approval-opinion-text", "经审核，基本同意。请按整改意见落实。");
        await supervisor.FillAsync("#approval-requirements", "补齐普惠性幼儿园名单\n核实专任教师数\n完善控辍保学台账\n更新校舍安全台账\n按期报送整改报告");
        await supervisor.ClickAsync("#approve-evaluation");
        Assert.Equal(0, dialogs); // the required tick stops the browser before the confirm dialog
        await Expect(supervisor.Locator("#open-threads-warning")).ToContainTextAsync("还有 1 条审核意见尚未解决");
        await ShotsAsync(supervisor, "approve-stopped-before-dialog");

        // Past the browser (the tick's required removed): the server refuses and the page keeps every typed line.
        await supervisor.EvaluateAsync("document.querySelector('#despite-open-threads').removeAttribute('required')");
        await supervisor.ClickAsync("#approve-evaluation");
        await Expect(supervisor.Locator("#review-refusal")).ToContainTextAsync("尚未解决");
        await Expect(supervisor.Locator("#approval-opinion-text")).ToHaveValueAsync("经审核，基本同意。请按整改意见落实。");
        await Expect(supervisor.Locator("#approval-requirements")).ToHaveValueAsync("补齐普惠性幼儿园名单\n核实专任教师数\n完善控辍保学台账\n更新校舍安全台账\n按期报送整改报告");
        await ShotsAsync(supervisor, "approve-refused-keeps-typed");
        Assert.Equal(EvaluationStatus.Submitted, await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_return_with_every_reason_row_empty_is_stopped_before_the_dialog()
    {
        var id = await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync());
        await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Submitted)));
        var supervisor = await Portal.SignedInPageAsync("yuncheng.supervisor", 1366, 900);
        await supervisor.GotoAsync($"{Portal.RootUri}/Evaluations/{id}");
        var dialogs = 0;
        supervisor.Dialog += (_, _) => dialogs++;
        await supervisor.FillAsync("#approval-opinion-text", "经审核，基本同意。");
        await supervisor.ClickAsync("#return-evaluation");
        Assert.Equal(0, dialogs); // nothing to return with: said on the page, no dialog, no post
        await Expect(supervisor.Locator("#return-form .reason-required")).ToContainTextAsync("请至少写明一条");
        await Expect(supervisor.Locator("#approval-opinion-text")).ToHaveValueAsync("经审核，基本同意。");
        await ShotsAsync(supervisor, "return-empty-stopped-before-dialog");
        Assert.Equal(EvaluationStatus.Submitted, await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
        await supervisor.Context.CloseAsync();
    }

    [Fact]
    public async Task A_refused_return_keeps_what_was_typed_in_the_approval_form_too()
    {
        var id = await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync());
        await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Submitted)));
        var supervisor = await Portal.SignedInPageAsync("yuncheng.supervisor", 1366, 900);
        await supervisor.GotoAsync($"{Portal.RootUri}/Evaluations/{id}");
        await supervisor.FillAsync("#approval-opinion-text", "经审核，基本同意。");
        await supervisor.FillAsync("#approval-requirements", "补齐普惠性幼儿园名单\n核实专任教师数");
        // A reason typed without choosing its indicator: the server refuses the return (the walk found the approval reset).
        await supervisor.Locator("#return-form .reason-row input").First.FillAsync("学前教育数据与事业统计不一致");
        await supervisor.ClickAsync("#return-evaluation");
        await Expect(supervisor.Locator("#review-refusal")).ToContainTextAsync("没有选择针对的指标或领域");
        await Expect(supervisor.Locator("#return-form .reason-row input").First).ToHaveValueAsync("学前教育数据与事业统计不一致");
        await Expect(supervisor.Locator("#approval-opinion-text")).ToHaveValueAsync("经审核，基本同意。");
        await Expect(supervisor.Locator("#approval-requirements")).ToHaveValueAsync("补齐普惠性幼儿园名单\n核实专任教师数");
        Assert.Equal(EvaluationStatus.Submitted, await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
        await supervisor.Context.CloseAsync();
    }

    [Fact]
    public async Task Disable_asks_for_confirmation_and_the_audit_reads_field_by_field()
    {
        var admin = await Portal.SignedInPageAsync("shanxi.admin", 1366, 900);
        await admin.GotoAsync($"{Portal.RootUri}/Admin/Users");
        // The no-script path: the row's button without the dialog shows the confirmation section.
        await admin.EvaluateAsync("document.querySelector(\"#users tr[data-user='xiaxian.official'] form.active-form\").removeAttribute('data-confirm')");
        await admin.ClickAsync("#users tr[data-user='xiaxian.official'] form.active-form button");
        await Expect(admin.Locator("#confirm-user-action")).ToContainTextAsync("确定停用");
        await ShotsAsync(admin, "disable-confirmation");
        await admin.ClickAsync("#confirm-user-action-form button");
        await Expect(admin.Locator("#admin-message")).ToContainTextAsync("已停用");

        var supervisor = await Portal.SignedInPageAsync("yuncheng.supervisor", 1366, 900);
        foreach (var issuer in new[] { "运城市教育局", "运城市人民政府教育督导室" })
        {
            await supervisor.GotoAsync($"{Portal.RootUri}/Oversight/Rollup?Region=140800");
            await supervisor.FillAsync("#Form_Issuer", issuer);
            await supervisor.ClickAsync("#rollup-form button[type=submit]");
            await Expect(supervisor.Locator("#rollup-form")).ToBeVisibleAsync();
        }

        await admin.GotoAsync($"{Portal.RootUri}/Admin/Audit");
        await Expect(admin.Locator("#admin-audit dl.audit-fields").First).ToContainTextAsync("发文机关");
        Assert.DoesNotContain("{", await admin.Locator("#admin-audit").InnerTextAsync());
        await ShotsAsync(admin, "admin-audit-fields");
    }

    [Fact]
    public async Task The_error_page_shows_a_short_reference()
    {
        var page = await Portal.SignedInPageAsync("wenxi.official", 1366, 900);
        await page.GotoAsync($"{Portal.RootUri}/Error?status=500");
        await Expect(page.Locator("#error-reference")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-z]{8}$"));
        await ShotsAsync(page, "error-page");
    }

    private static async Task ShotsAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        foreach (var width in new[] { 390, 1366 })
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 768);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{name}-{width}.png"), FullPage = true });
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, $"forms-{name}-{width}.png"), FullPage = true });
        }

        await page.SetViewportSizeAsync(1366, 900);
    }
}
