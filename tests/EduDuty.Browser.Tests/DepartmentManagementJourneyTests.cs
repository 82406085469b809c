using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 30, part A in Chromium: the county lead creates a department and an account for it on 部门管理 (a name the county has already
/// is refused beside the field, as typed), gives 财政支出's fields to 人社局 on 部门分工 and sets the internal deadline; the department
/// user's home shows its to-do and links to 本部门填报. Screenshots at 390, 1280 and 1440 px go to EDUDUTY_SHOTS (default
/// /tmp/department-shots).
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class DepartmentManagementJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    private static readonly string Shots = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("EDUDUTY_SHOTS") is { Length: > 0 } s ? s : "/tmp/department-shots").FullName;

    private static async Task ShootAsync(IPage page, string name)
    {
        foreach (var width in new[] { 390, 1280, 1440 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{name}-{width}.png"), FullPage = true });
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{name}-{width}-screen.png") }); // what one sees first
            // Nothing but the marked tables scrolls sideways.
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{name} scrolls sideways at {width} px");
        }

        await page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task The_lead_sets_up_a_department_assigns_an_area_and_a_deadline_and_the_department_sees_its_todo()
    {
        var id = await Portal.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Evaluations.Where(e => e.County.Code == "140823").Select(e => e.Id)));
        var lead = await Portal.SignedInPageAsync("wenxi.lead");

        await lead.ClickAsync("#departments-link");
        await Expect(lead.Locator(".department[data-department='财政局'] tr[data-user='wenxi.caizheng']")).ToBeVisibleAsync();
        // The field takes at most 20 characters (the browser stops the 21st; the server says so too: DepartmentPagesTests).
        await lead.FillAsync("#department-name", "财政局");
        await lead.ClickAsync("#create-department-form button[type=submit]");
        await Expect(lead.Locator("#department-name-error")).ToContainTextAsync("闻喜县已有部门“财政局”");
        await Expect(lead.Locator("#department-name")).ToHaveValueAsync("财政局");
        await ShootAsync(lead, "departments-refused");

        await lead.FillAsync("#department-name", "发改局");
        await lead.ClickAsync("#create-department-form button[type=submit]");
        await Expect(lead.Locator("#admin-message")).ToContainTextAsync("已新建部门“发改局”");
        await lead.SelectOptionAsync("#new-department", "发改局");
        await lead.FillAsync("#new-user-name", "wenxi.fagai");
        await lead.FillAsync("#new-display-name", "孙发改");
        await lead.ClickAsync("#create-department-user-form button[type=submit]");
        await Expect(lead.Locator("#one-time-passwords code.otp")).ToHaveCountAsync(1);
        await ShootAsync(lead, "departments-created");

        await lead.GotoAsync($"{Portal.RootUri}/Evaluations/{id}");
        await lead.ClickAsync("#assignment-link");
        await Expect(lead.Locator(".assignment-area[data-area='A04_FINANCE'] .default-badge").First).ToBeVisibleAsync();
        await ShootAsync(lead, "assignment-defaults");
        await lead.SelectOptionAsync("#area-A04_FINANCE", new SelectOptionValue { Label = "人社局" });
        await lead.ClickAsync("#save-assignment");
        await Expect(lead.Locator("#assignment-message")).ToContainTextAsync("部门分工已保存");
        await lead.FillAsync("#department-deadline-date", "2021-10-01");
        await lead.ClickAsync("#department-deadline-form button[type=submit]");
        await Expect(lead.Locator("#assignment-errors")).ToContainTextAsync("内部截止日期不能早于今天");
        await ShootAsync(lead, "assignment-deadline-refused");
        await lead.FillAsync("#department-deadline-date", "2021-11-20");
        await lead.ClickAsync("#department-deadline-form button[type=submit]");
        await Expect(lead.Locator("#assignment-message")).ToContainTextAsync("2021年11月20日");
        await ShootAsync(lead, "assignment-saved");

        var department = await Portal.SignedInPageAsync("wenxi.caizheng");
        await Expect(department.Locator("h1")).ToHaveTextAsync("本部门填报");
        await Expect(department.Locator("#todo li.todo-item a").First).ToHaveAttributeAsync("href", $"/Departments/{id}");
        await Expect(department.Locator("#todo")).ToContainTextAsync("2021年11月20日");
        await ShootAsync(department, "department-home");
        await department.GotoAsync($"{Portal.RootUri}/Evaluations/{id}");
        await ShootAsync(department, "department-refused-evaluation");
    }
}
