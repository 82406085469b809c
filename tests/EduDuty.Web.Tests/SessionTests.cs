using AngleSharp.Dom;
using System.Net;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Sessions live on the server: a cookie saved before sign-out, before a password change elsewhere, or before the user was
/// disabled reads nothing afterwards, at once, without waiting for the periodic security-stamp check (left at its production
/// interval in every test: five minutes).
/// </summary>
public abstract class SessionTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task A_cookie_saved_before_sign_out_reads_and_writes_nothing_afterwards()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var id = await Wenxi.EvaluationIdAsync(Factory);
        var comments = await official.GetDocumentAsync($"/Evaluations/{id}/Comments");
        var token = comments.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#new-thread-form input[name=__RequestVerificationToken]")!.Value;
        var saved = CookieOf(official);

        await official.PostFormAsync("/", "#logout-form", []);

        var replay = Replaying(saved);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync($"/Evaluations/{id}")).StatusCode);
        var post = await replay.PostAsync($"/Evaluations/{id}/Comments?handler=Open", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Text"] = "登出之后的意见",
        }));
        Assert.True(post.StatusCode == HttpStatusCode.BadRequest
            || (post.StatusCode == HttpStatusCode.Redirect && post.Headers.Location!.OriginalString.Contains("/Account/Login", StringComparison.Ordinal)),
            $"a replayed cookie after sign-out got {post.StatusCode} {post.Headers.Location}");
        Assert.False(await Factory.WithDbAsync(db => db.ReviewComments.AnyAsync(c => c.Text == "登出之后的意见")));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_users_other_sessions_and_keeps_this_one()
    {
        var userName = await Accounts.CreateAsync(Factory, "140823", "CountyOfficial");
        var here = await PortalClient.For(Factory).SignedInAsync(userName);
        var elsewhere = await PortalClient.For(Factory).SignedInAsync(userName);

        var changed = await here.SubmitAsync("/Account/ChangePassword", "#change-password-form", new Dictionary<string, string>
        {
            ["Current"] = PortalClient.DemoPassword, ["NewPassword"] = "一句只有我知道的新口令2022", ["Confirm"] = "一句只有我知道的新口令2022",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_new_password_of_5000_characters_is_refused_and_one_of_128_is_kept_and_signs_in()
    {
        var userName = await Accounts.CreateAsync(Factory, "140823", "CountyOfficial");
        var client = await PortalClient.For(Factory).SignedInAsync(userName);
        var huge = new string('长', 5000);
        var longest = string.Concat(Enumerable.Range(0, 16).Select(i => $"枣树{i:D2}-结果!"))[..128];

        var refused = await client.SubmitAsync("/Account/ChangePassword", "#change-password-form", new Dictionary<string, string>
        {
            ["Current"] = PortalClient.DemoPassword, ["NewPassword"] = huge, ["Confirm"] = huge,
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("密码最多 128 个字符", (await PortalClient.ParseAsync(refused)).QuerySelector("[data-valmsg-for=NewPassword]")!.TextContent);

        var kept = await client.SubmitAsync("/Account/ChangePassword", "#change-password-form", new Dictionary<string, string>
        {
            ["Current"] = PortalClient.DemoPassword, ["NewPassword"] = longest, ["Confirm"] = longest,
        });
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.For(Factory).SignInAsync(userName, longest)).StatusCode);
    }

    [Fact]
    public async Task Disabling_or_reassigning_a_user_ends_their_sessions_at_once()
    {
        var disabled = await Accounts.CreateAsync(Factory, "140823", "CountyOfficial");
        var moved = await Accounts.CreateAsync(Factory, "140823", "CountyOfficial");
        var first = await PortalClient.For(Factory).SignedInAsync(disabled);
        var second = await PortalClient.For(Factory).SignedInAsync(moved);
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");

        await admin.SubmitAsync("/Admin/Users", $"#users tr[data-user='{disabled}'] form.active-form", new Dictionary<string, string> { ["Confirmed"] = "true" });
        await admin.SubmitAsync("/Admin/Users", $"#users tr[data-user='{moved}'] form.reassign-form",
            new Dictionary<string, string> { ["AssignRole"] = "CountyOfficial", ["AssignRegion"] = "140828" });

        Assert.Equal(HttpStatusCode.Redirect, (await first.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_as_another_user_on_the_same_browser_ends_the_first_session_and_its_copied_cookie_reads_nothing()
    {
        var browser = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var copied = AuthCookieOf(browser);
        Assert.Contains("闻喜县", await CurrentUserAsync(Replaying(copied)));

        // The second user signs in on the same browser, which still sends the first user's cookie.
        await browser.SignedInAsync("xiaxian.official");

        Assert.NotEqual(copied, AuthCookieOf(browser));
        Assert.Contains("夏县", await CurrentUserAsync(browser.Http));
        var replay = await Replaying(copied).GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Contains("/Account/Login", replay.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.UserSessions.CountAsync(x => db.Users.Any(u => u.Id == x.UserId && u.UserName == "xiaxian.official"))));
    }

    [Fact]
    public async Task Signing_in_again_as_the_same_user_and_changing_the_password_each_give_the_browser_a_new_key()
    {
        var userName = await Accounts.CreateAsync(Factory, "140823", "CountyOfficial");
        var browser = await PortalClient.For(Factory).SignedInAsync(userName);
        var first = AuthCookieOf(browser);

        await browser.SignedInAsync(userName);
        var second = AuthCookieOf(browser);
        var changed = await browser.SubmitAsync("/Account/ChangePassword", "#change-password-form", new Dictionary<string, string>
        {
            ["Current"] = PortalClient.DemoPassword, ["NewPassword"] = "一句只有我知道的新口令2022", ["Confirm"] = "一句只有我知道的新口令2022",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var third = AuthCookieOf(browser);

        Assert.Equal(3, new[] { first, second, third }.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Replaying(first).GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Replaying(second).GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_session_whose_users_stamp_moved_elsewhere_reads_nothing_at_the_next_request()
    {
        var userName = await Accounts.CreateAsync(Factory, "140823", "CountyOfficial");
        var browser = await PortalClient.For(Factory).SignedInAsync(userName);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/")).StatusCode);

        // What another instance's password change, reset or reassignment leaves in the database; the clock stands still, so
        // no periodic re-validation can be what ends the session.
        await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, Guid.NewGuid().ToString("N"))));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/")).StatusCode);
    }

    private static string AuthCookieOf(PortalClient client) =>
        client.Cookies.GetCookies(new Uri("http://localhost/")).Single(c => c.Name.Contains("Auth", StringComparison.Ordinal)).Value;

    private static async Task<string> CurrentUserAsync(HttpClient client)
    {
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await PortalClient.ParseAsync(response)).QuerySelector("#current-user")!.TextContent;
    }

    private const string CookieName = "EduDuty.Auth";

    private static string CookieOf(PortalClient client) =>
        client.Cookies.GetCookies(new Uri("http://localhost/")).Select(c => $"{c.Name}={c.Value}").Aggregate((a, b) => $"{a}; {b}");

    private HttpClient Replaying(string cookie)
    {
        if (!cookie.Contains('=', StringComparison.Ordinal)) cookie = $"{CookieName}={cookie}";
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteSessionTests(SqlitePortalFactory factory) : SessionTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresSessionTests(PostgresPortalFactory factory) : SessionTests<PostgresPortalFactory>(factory);
