using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using EduDuty.Application;
using EduDuty.Application.Administration;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests;

public abstract class AdminUsersTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private const string Page = "/Admin/Users";

    [Fact]
    public async Task Create_sign_in_with_the_one_time_password_change_it_disable_refused_enable()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var name = $"xiaxian.{Guid.NewGuid():N}"[..16];

        var created = await admin.SubmitAsync(Page, "#create-user-form", new Dictionary<string, string>
        {
            ["NewUserName"] = name, ["NewDisplayName"] = "夏县填报员", ["NewRole"] = "CountyOfficial", ["NewRegion"] = "140828",
        });
        var otp = (await PortalClient.ParseAsync(created)).QuerySelector("#one-time-passwords .otp")!.TextContent;
        Assert.Equal(16, otp.Length);

        // First sign-in: everything leads to the password change until it is done.
        var user = PortalClient.For(Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await user.SignInAsync(name, otp)).StatusCode);
        var home = await user.Http.GetAsync("/");
        Assert.Equal("/Account/ChangePassword", home.Headers.Location!.OriginalString);
        var changed = await user.SubmitAsync("/Account/ChangePassword", "#change-password-form", new Dictionary<string, string>
        {
            ["Current"] = otp, ["NewPassword"] = "我的新密码是一句好记的话", ["Confirm"] = "我的新密码是一句好记的话",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var rows = (await user.GetDocumentAsync("/")).QuerySelectorAll("#evaluations tbody tr");
        Assert.Contains("夏县", Assert.Single(rows).TextContent);

        // Disabled: the running session ends and signing in is refused.
        var userId = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync());
        await admin.SubmitAsync(Page, $"#users tr[data-user='{name}'] form.active-form", new Dictionary<string, string> { ["Confirmed"] = "true" });
        Assert.False(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.IsActive).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await user.Http.GetAsync("/")).StatusCode);
        var refused = await PortalClient.For(Factory).SignInAsync(name, "我的新密码是一句好记的话");
        Assert.Contains("不能登录", await refused.Content.ReadAsStringAsync());

        await admin.SubmitAsync(Page, $"#users tr[data-user='{name}'] form.active-form", new Dictionary<string, string> { ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.For(Factory).SignInAsync(name, "我的新密码是一句好记的话")).StatusCode);

        var audit = (await admin.GetDocumentAsync("/Admin/Audit")).QuerySelector("#admin-audit")!.TextContent;
        Assert.Contains("创建用户", audit);
        Assert.Contains("停用用户", audit);
        Assert.Contains("启用用户", audit);
    }

    [Fact]
    public async Task A_csv_with_any_bad_row_creates_nobody_and_lists_every_problem_of_every_row_in_one_pass()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var before = await Factory.WithDbAsync(db => db.Users.CountAsync());
        // Row 2 is fine; 3 has a bad name; 4 a role that is neither a code nor a Chinese name; 5 a region that does not fit;
        // 6 a region that does not exist; 7 a user name already taken. The database problems (5–7) are reported together
        // with the file's own (3–4), in row order.
        const string csv = "username,display_name,role,region_code\nok.user1,甲,县级填报人员,140823\nbad user,乙,CountyOfficial,140823\n" +
            "ok.user2,丙,Chief,140823\nok.user3,丁,县级负责人,140800\nok.user4,戊,督导人员,999999\nwenxi.official,重复,CountyOfficial,140823\n";

        var response = await UploadAsync(admin, csv);
        var errors = (await PortalClient.ParseAsync(response)).QuerySelectorAll("#admin-errors li").Select(li => li.TextContent).ToList();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(5, errors.Count);
        Assert.StartsWith("第 3 行：用户名 “bad user” 无效", errors[0]);
        Assert.StartsWith("第 4 行：角色 “Chief” 无效，应为 县级填报人员（CountyOfficial）", errors[1]);
        Assert.Equal("第 5 行：县级负责人不能属于运城市（县级用户属于县，督导人员属于市或省，管理员属于省）", errors[2]);
        Assert.Equal("第 6 行：地区代码 999999 不存在，请先导入地区", errors[3]);
        Assert.Equal("第 7 行：用户名 wenxi.official 不可用，请换一个。", errors[4]);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Roles_are_accepted_by_their_chinese_names()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var name = $"xiaxian.{Guid.NewGuid():N}"[..16];

        var response = await UploadAsync(admin, $"username,display_name,role,region_code\n{name},夏县负责人,县级负责人,140828\n");

        Assert.Contains(name, (await PortalClient.ParseAsync(response)).QuerySelector("#one-time-passwords")!.TextContent);
        Assert.Equal(("CountyLead", "140828"), await AssignmentAsync(name));
    }

    [Fact]
    public async Task The_single_user_form_starts_valid_names_problems_by_field_and_keeps_what_was_typed()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var page = await admin.GetDocumentAsync(Page);
        Assert.Equal("CountyOfficial", page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#new-role")!.Value);
        // One list of region suggestions on the page (the province and its cities first), the rest found as one types.
        Assert.Equal("region-options", page.QuerySelector("#new-region")!.GetAttribute("list"));
        Assert.Single(page.QuerySelectorAll("datalist"));
        Assert.Equal("140000", page.QuerySelector("#region-options option")!.GetAttribute("value"));
        var found = await admin.Http.GetStringAsync("/Admin/Regions?handler=Search&q=%E9%97%BB%E5%96%9C"); // 闻喜
        Assert.Contains("\"code\":\"140823\"", found);

        var refused = await admin.SubmitAsync(page, Page, "#create-user-form", new Dictionary<string, string>
        {
            ["NewUserName"] = "wenxi.official", ["NewDisplayName"] = "重名的人", ["NewRole"] = "Supervisor", ["NewRegion"] = "140823",
        });
        var form = await PortalClient.ParseAsync(refused);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("用户名 wenxi.official 不可用，请换一个。", form.QuerySelector("#new-user-name-error")!.TextContent);
        Assert.StartsWith("督导人员不能属于闻喜县", form.QuerySelector("#new-region-error")!.TextContent);
        Assert.DoesNotContain("第", form.QuerySelector("#new-region-error")!.TextContent);
        Assert.Equal("wenxi.official", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#new-user-name")!.Value);
        Assert.Equal("重名的人", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#new-display-name")!.Value);
        Assert.Equal("Supervisor", form.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#new-role")!.Value);
        Assert.Equal("140823", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#new-region")!.Value);
    }

    [Fact]
    public async Task A_user_moves_to_another_role_and_region_and_a_role_that_does_not_fit_the_region_is_refused()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var name = $"move.{Guid.NewGuid():N}"[..14];
        await admin.SubmitAsync(Page, "#create-user-form", new Dictionary<string, string>
        {
            ["NewUserName"] = name, ["NewDisplayName"] = "调岗人员", ["NewRole"] = "CountyOfficial", ["NewRegion"] = "140823",
        });
        var row = $"#users tr[data-user='{name}'] form.reassign-form";

        var moved = await admin.SubmitAsync(Page, row, new Dictionary<string, string> { ["AssignRole"] = "Supervisor", ["AssignRegion"] = "140800" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(("Supervisor", "140800"), await AssignmentAsync(name));

        var refused = await admin.SubmitAsync(Page, row, new Dictionary<string, string> { ["AssignRole"] = "CountyLead", ["AssignRegion"] = "140800" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("县级负责人不能属于运城市", (await PortalClient.ParseAsync(refused)).QuerySelector("#admin-errors")!.TextContent);
        Assert.Equal(("Supervisor", "140800"), await AssignmentAsync(name));

        var self = await admin.SubmitAsync(Page, "#users tr[data-user='shanxi.admin'] form.reassign-form", new Dictionary<string, string> { ["AssignRole"] = "Supervisor", ["AssignRegion"] = "140000" });
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Contains("不能取消自己的管理员角色", (await PortalClient.ParseAsync(self)).QuerySelector("#admin-errors")!.TextContent);
        Assert.Equal(("Admin", "140000"), await AssignmentAsync("shanxi.admin"));

        var audit = (await admin.GetDocumentAsync("/Admin/Audit")).QuerySelector("#admin-audit")!.TextContent;
        Assert.Contains("变更角色或地区", audit);
        Assert.Contains("督导人员，运城市", audit);
    }

    [Fact]
    public async Task An_admin_of_a_city_cannot_create_or_move_users_into_another_city()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var yuncheng = await Factory.WithDbAsync(db => db.Regions.Where(r => r.Code == "140800").Select(r => r.Path).SingleAsync());
        var cityAdmin = new Actor("city-admin", "运城市管理员", [Core.Security.Roles.Admin], yuncheng);
        var before = await Factory.WithDbAsync(db => db.Users.CountAsync());

        var created = await scope.ServiceProvider.GetRequiredService<CreateUsers>()
            .ImportAsync("username,display_name,role,region_code\nzezhou.new,泽州,CountyOfficial,140525\n", cityAdmin, CancellationToken.None);
        Assert.Equal(OutcomeKind.Invalid, created.Kind);
        Assert.Equal(new FieldProblem("第 2 行", "第 2 行：地区 140525 不在您管辖的范围内"), Assert.Single(created.Problems));
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Users.CountAsync()));

        var officialId = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "wenxi.official").Select(u => u.Id).SingleAsync());
        var moved = await scope.ServiceProvider.GetRequiredService<ReassignUser>().HandleAsync(officialId, "CountyOfficial", "140525", cityAdmin, CancellationToken.None);
        Assert.Equal(OutcomeKind.Invalid, moved.Kind);
        Assert.Equal("AssignRegion", Assert.Single(moved.Problems).Field);
        Assert.Contains("不在您管辖的范围内", moved.Refusal);
        Assert.Equal(("CountyOfficial", "140823"), await AssignmentAsync("wenxi.official"));
    }

    [Fact]
    public async Task The_list_filters_by_role_and_region()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");

        var supervisors = (await admin.GetDocumentAsync(Page + "?Role=Supervisor")).QuerySelectorAll("#users tbody tr");
        Assert.Contains(supervisors, r => r.GetAttribute("data-user") == "yuncheng.supervisor");
        Assert.All(supervisors, r => Assert.Contains("督导人员", r.Children[2].TextContent));

        var wenxi = (await admin.GetDocumentAsync(Page + "?Region=140823&Role=CountyOfficial")).QuerySelectorAll("#users tbody tr");
        Assert.Contains(wenxi, r => r.GetAttribute("data-user") == "wenxi.official");
        Assert.DoesNotContain(wenxi, r => r.GetAttribute("data-user") == "wenxi.lead");
        Assert.All(wenxi, r => Assert.Equal("闻喜县", r.Children[3].TextContent));
    }

    private Task<(string Role, string Region)> AssignmentAsync(string userName) => Factory.WithDbAsync(async db =>
    {
        var user = await db.Users.Where(u => u.UserName == userName).Select(u => new { u.Id, u.Region.Code }).SingleAsync();
        var role = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).SingleAsync();
        return (role, user.Code);
    });

    [Fact]
    public async Task Admins_cannot_disable_themselves_nor_the_last_active_admin()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var self = await admin.SubmitAsync(Page, "#users tr[data-user='shanxi.admin'] form.active-form", new Dictionary<string, string> { ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode); // refused, not now: another admin may
        Assert.Contains("不能停用自己", (await PortalClient.ParseAsync(self)).QuerySelector("#admin-errors")!.TextContent);

        await using var scope = Factory.Services.CreateAsyncScope();
        var adminId = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "shanxi.admin").Select(u => u.Id).SingleAsync());
        var result = await scope.ServiceProvider.GetRequiredService<SetUserActive>().HandleAsync(adminId, false, Actor.CommandLine, CancellationToken.None);

        Assert.Equal(OutcomeKind.Refused, result.Kind);
        Assert.Equal("last-active-admin", result.Reason?.Code);
        Assert.Contains("最后一个可用的管理员", result.Refusal);
        Assert.True(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == adminId).Select(u => u.IsActive).SingleAsync()));
    }

    [Theory]
    [InlineData("Disable")]
    [InlineData("Reset")]
    [InlineData("Unlock")]
    [InlineData("Reassign")]
    public async Task A_user_that_is_not_there_is_answered_not_found_with_the_catalogues_sentence(string handler)
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var token = (await admin.GetDocumentAsync(Page)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#create-user-form input[name=__RequestVerificationToken]")!.Value;

        var response = await admin.Http.PostAsync($"{Page}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["UserId"] = "no-such-user", ["AssignRole"] = "Supervisor", ["AssignRegion"] = "140800",
        }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(EduDuty.Core.Messaging.Messages.UserNotFound.Text, (await PortalClient.ParseAsync(response)).QuerySelector("#admin-errors li")!.TextContent);
    }

    [Fact]
    public async Task A_locked_out_account_is_unlocked_and_a_password_reset_is_one_time()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        for (var i = 0; i < 5; i++) await PortalClient.For(Factory).SignInAsync("wenxi.lead", "wrong-password-" + i);
        var whileLocked = await PortalClient.For(Factory).SignInAsync("wenxi.lead");
        Assert.Equal(HttpStatusCode.OK, whileLocked.StatusCode); // the right password, refused: the account is locked
        Assert.Contains(EduDuty.Web.Pages.Account.LoginModel.Failure, await whileLocked.Content.ReadAsStringAsync());

        var page = await admin.GetDocumentAsync(Page);
        Assert.Contains("已锁定", page.QuerySelector("#users tr[data-user='wenxi.lead']")!.TextContent);
        await admin.SubmitAsync(page, Page, "#users tr[data-user='wenxi.lead'] form.unlock-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.For(Factory).SignInAsync("wenxi.lead")).StatusCode);

        var reset = await admin.SubmitAsync(Page, "#users tr[data-user='wenxi.lead'] form.reset-form", new Dictionary<string, string> { ["Confirmed"] = "true" });
        var otp = (await PortalClient.ParseAsync(reset)).QuerySelector("#one-time-passwords .otp")!.TextContent;
        Assert.Contains("不正确", await (await PortalClient.For(Factory).SignInAsync("wenxi.lead")).Content.ReadAsStringAsync());
        var lead = PortalClient.For(Factory);
        await lead.SignInAsync("wenxi.lead", otp);
        Assert.Equal("/Account/ChangePassword", (await lead.Http.GetAsync("/")).Headers.Location!.OriginalString);
        // The published demo password is refused to anyone who types it (issue 24); a passphrase of one's own is taken.
        var demo = await lead.SubmitAsync("/Account/ChangePassword", "#change-password-form", new Dictionary<string, string>
        {
            ["Current"] = otp, ["NewPassword"] = PortalClient.DemoPassword, ["Confirm"] = PortalClient.DemoPassword,
        });
        Assert.Contains(EduDuty.Core.Messaging.Messages.PasswordDeploymentWord.Text, await demo.Content.ReadAsStringAsync());
        await lead.SubmitAsync("/Account/ChangePassword", "#change-password-form", new Dictionary<string, string>
        {
            ["Current"] = otp, ["NewPassword"] = "院里的柿子树2022年又挂满了", ["Confirm"] = "院里的柿子树2022年又挂满了",
        });
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.For(Factory).SignInAsync("wenxi.lead", "院里的柿子树2022年又挂满了")).StatusCode);
        await Accounts.RestoreDemoPasswordAsync(Factory, "wenxi.lead");
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.For(Factory).SignInAsync("wenxi.lead")).StatusCode);
    }

    [Fact]
    public async Task Other_roles_cannot_reach_user_administration()
    {
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.Http.GetAsync(Page)).StatusCode);
        Assert.StartsWith("/Account/AccessDenied", (await supervisor.Http.GetAsync("/Admin/Audit")).Headers.Location!.AbsolutePath);
    }

    private static async Task<HttpResponseMessage> UploadAsync(PortalClient client, string csv)
    {
        var page = await client.GetDocumentAsync(Page);
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#bulk-users-form input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "Csv", "users.csv");
        return await client.Http.PostAsync($"{Page}?handler=Bulk", content);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteAdminUsersTests(SqlitePortalFactory factory) : AdminUsersTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresAdminUsersTests(PostgresPortalFactory factory) : AdminUsersTests<PostgresPortalFactory>(factory);
