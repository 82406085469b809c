using System.Net;
using AngleSharp.Dom;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests;

/// <summary>
/// Two portal instances on one database, as a deployment behind a load balancer runs them: a sign-in and an antiforgery token
/// from one are accepted by the other, a sign-out on one ends the session on the other at once, and concurrent saves through
/// both lose nothing (each figure written once, every other attempt told of the conflict).
/// </summary>
public abstract class TwoInstanceTests<TFactory>
    where TFactory : PortalFactory, new()
{
    [Fact]
    public async Task Sessions_tokens_sign_out_and_concurrent_saves_hold_across_two_instances()
    {
        await using var first = new TFactory();
        await first.InitializeAsync();
        await using var second = new SecondInstance(first);
        var id = await Wenxi.EvaluationIdAsync(first);
        await Wenxi.ResetAsync(first, id);

        // Signed in on the first; the second accepts the session and a token the first issued.
        var onFirst = await PortalClient.For(first).SignedInAsync("wenxi.official");
        var page = await onFirst.GetDocumentAsync($"/Evaluations/{id}/Comments");
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#new-thread-form input[name=__RequestVerificationToken]")!.Value;
        var onSecond = PortalClient.For(second);
        CopyCookies(onFirst, onSecond);
        var comment = await onSecond.Http.PostAsync($"/Evaluations/{id}/Comments?handler=Open", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Text"] = "在第二个实例上发表的意见",
        }));
        Assert.Equal(HttpStatusCode.Redirect, comment.StatusCode);
        Assert.True(await first.WithDbAsync(db => db.ReviewComments.AnyAsync(c => c.Text == "在第二个实例上发表的意见")));
        // The key ring lives in the database, not in a per-machine folder that happens to be shared in this process.
        var keys = await first.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("<key ", xml));

        // Signed out on the first: the second refuses the same cookie on the next request.
        await onFirst.PostFormAsync("/", "#logout-form", []);
        Assert.Equal(HttpStatusCode.Redirect, (await onSecond.Http.GetAsync("/")).StatusCode);

        // Concurrent saves through both: different figures all land; one figure from one version is written once.
        var writers = new List<(PortalClient Client, AngleSharp.Html.Dom.IHtmlDocument Page)>();
        for (var i = 0; i < 8; i++)
        {
            var client = await PortalClient.For(i % 2 == 0 ? first : second).SignedInAsync(i % 4 < 2 ? "wenxi.official" : "wenxi.lead");
            writers.Add((client, await client.GetDocumentAsync(Wenxi.AreaUrl(id))));
        }

        // Values that hold SX-2021's plausibility rules in any order they land (parts below their totals: issue 26).
        string[] codes = ["A10.01", "A10.02", "A10.05", "A10.12.1", "A10.09.1", "A10.10", "A10.11", "A10.04"];
        var distinct = await Task.WhenAll(writers.Select((w, i) =>
            w.Client.SubmitAsync(w.Page, Wenxi.AreaUrl(id), "#area-form", new Dictionary<string, string> { [$"Form.Values[{codes[i]}]"] = $"{100 + i}" })));
        var stored = await Wenxi.StoredNumbersAsync(first, id);
        Assert.All(distinct, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.All(codes.Select((c, i) => (c, i)), x => Assert.Equal(100 + x.i, stored[x.c]));

        for (var i = 0; i < writers.Count; i++) writers[i] = (writers[i].Client, await writers[i].Client.GetDocumentAsync(Wenxi.AreaUrl(id)));
        var same = await Task.WhenAll(writers.Select((w, i) =>
            w.Client.SubmitAsync(w.Page, Wenxi.AreaUrl(id), "#area-form", new Dictionary<string, string> { ["Form.Values[A10.01]"] = $"{500 + i}" })));
        Assert.Single(same, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(7, same.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var audit = await Wenxi.AuditAsync(first, id);
        Assert.Equal(codes.Length + 1, audit.Count);
        Assert.Equal(audit[^1].NewValue, (await Wenxi.StoredNumbersAsync(first, id))["A10.01"]!.Value.ToString("0", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_password_change_or_a_disable_on_one_instance_ends_the_users_sessions_on_the_other_at_once()
    {
        await using var first = new TFactory();
        await first.InitializeAsync();
        await using var second = new SecondInstance(first);
        var changer = await Accounts.CreateAsync(first, "140823", "CountyOfficial");
        var disabled = await Accounts.CreateAsync(first, "140823", "CountyOfficial");
        var changerHere = await PortalClient.For(first).SignedInAsync(changer);
        var changerThere = await PortalClient.For(second).SignedInAsync(changer);
        var disabledThere = await PortalClient.For(second).SignedInAsync(disabled);
        Assert.Equal(HttpStatusCode.OK, (await changerThere.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await disabledThere.Http.GetAsync("/")).StatusCode);
        // API tokens, which the other instance keeps once it has found them valid (decision 0049): one of the user about to be
        // disabled, one about to be revoked on the first instance.
        var disabledsToken = await ApiClients.CreateAsync(first, disabled, [Core.Security.ApiScopes.Read]);
        var revoked = await ApiClients.CreateAsync(first, changer, [Core.Security.ApiScopes.Read]);
        using var disabledsTokenThere = ApiClients.WithToken(second, disabledsToken.Secret);
        using var revokedThere = ApiClients.WithToken(second, revoked.Secret);
        Assert.Equal(HttpStatusCode.OK, (await disabledsTokenThere.GetAsync("/api/v1/schemes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await revokedThere.GetAsync("/api/v1/schemes")).StatusCode);

        // No time passes (the instances share a clock that stands still): no periodic re-validation is at work.
        var changed = await changerHere.SubmitAsync("/Account/ChangePassword", "#change-password-form", new Dictionary<string, string>
        {
            ["Current"] = PortalClient.DemoPassword, ["NewPassword"] = "一句只有我知道的新口令2022", ["Confirm"] = "一句只有我知道的新口令2022",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var admin = await PortalClient.For(first).SignedInAsync("shanxi.admin");
        await admin.SubmitAsync("/Admin/Users", $"#users tr[data-user='{disabled}'] form.active-form", new Dictionary<string, string> { ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await disabledsTokenThere.GetAsync("/api/v1/schemes")).StatusCode);
        // Found valid (and kept) again after the disable, which may have dropped everything; then revoked on the first instance.
        Assert.Equal(HttpStatusCode.OK, (await revokedThere.GetAsync("/api/v1/schemes")).StatusCode);
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var revoke = await scope.ServiceProvider.GetRequiredService<Application.Security.Tokens.RevokeApiToken>().HandleAsync(revoked.Token.Id, Application.Actor.CommandLine);
            Assert.True(revoke.IsDone, revoke.Refusal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await revokedThere.GetAsync("/api/v1/schemes")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await changerThere.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await disabledThere.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await changerHere.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_new_message_or_a_sign_out_on_one_instance_shows_on_the_other_on_its_very_next_request()
    {
        await using var first = new TFactory();
        await first.InitializeAsync();
        await using var second = new SecondInstance(first);
        var id = await Wenxi.EvaluationIdAsync(first);
        var supervisor = await PortalClient.For(first).SignedInAsync("yuncheng.supervisor");
        var official = await PortalClient.For(second).SignedInAsync("wenxi.official");
        // Read twice on the second instance: the count and the session are in its cache now.
        var before = Unread(await official.GetDocumentAsync("/"));
        Assert.Equal(before, Unread(await official.GetDocumentAsync("/")));

        await supervisor.SubmitAsync(Wenxi.AreaUrl(id), "#comment-A10-03-form", new Dictionary<string, string> { ["Text"] = "请在第二个实例上看到这条意见" });
        Assert.Equal(before + 1, Unread(await official.GetDocumentAsync("/")));

        // Read on the first instance: the second's count drops on its next request.
        var opened = await PortalClient.For(first).SignedInAsync("wenxi.official");
        var item = (await opened.GetDocumentAsync("/Notifications")).QuerySelector("#notifications li.unread a")!;
        Assert.Equal(HttpStatusCode.Redirect, (await opened.Http.GetAsync(item.GetAttribute("href"))).StatusCode);
        Assert.Equal(before, Unread(await official.GetDocumentAsync("/")));

        // The supervisor's session, cached on the second instance, ends there the moment it is signed out on the first.
        var supervisorThere = PortalClient.For(second);
        CopyCookies(supervisor, supervisorThere);
        Assert.Equal(HttpStatusCode.OK, (await supervisorThere.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisorThere.Http.GetAsync("/")).StatusCode);
        await supervisor.PostFormAsync("/", "#logout-form", []);
        Assert.Equal(HttpStatusCode.Redirect, (await supervisorThere.Http.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Requests_racing_a_sign_out_on_the_other_instance_are_all_refused_once_the_sign_out_has_answered(int parallel)
    {
        // The cache's rule under load (decision 0046): a reader that began its query before the sign-out must not put the
        // session back, and no request sent after the sign-out's answer may be served — on the instance that did not sign out.
        await using var first = new TFactory();
        await first.InitializeAsync();
        await using var second = new SecondInstance(first);
        var supervisor = await PortalClient.For(first).SignedInAsync("yuncheng.supervisor");
        var there = PortalClient.For(second);
        CopyCookies(supervisor, there);
        Assert.Equal(HttpStatusCode.OK, (await there.Http.GetAsync("/")).StatusCode);

        var signedOut = 0;
        var sent = 0;
        var before = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var after = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var late = Volatile.Read(ref signedOut) == 1;
                using var response = await there.Http.GetAsync("/");
                Interlocked.Increment(ref sent);
                (late ? after : before).Add(response.StatusCode);
            }
        })).ToArray();

        // The sign-out lands among the readers' requests, then the readers go on until each has sent a few more.
        while (Volatile.Read(ref sent) < parallel) await Task.Yield();
        await supervisor.PostFormAsync("/", "#logout-form", []);
        Volatile.Write(ref signedOut, 1);
        var at = Volatile.Read(ref sent);
        while (Volatile.Read(ref sent) < at + (3 * parallel)) await Task.Yield();
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Contains(HttpStatusCode.OK, before);
        Assert.True(after.Count >= 2 * parallel, $"{after.Count} requests after the sign-out");
        Assert.All(after, status => Assert.Equal(HttpStatusCode.Redirect, status));
    }

    private static int Unread(IDocument page) =>
        page.QuerySelector("#unread-count") is { } badge ? int.Parse(badge.TextContent.Replace("条未读", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static void CopyCookies(PortalClient from, PortalClient to)
    {
        var root = new Uri("http://localhost/");
        foreach (Cookie cookie in from.Cookies.GetCookies(root)) to.Cookies.Add(root, new Cookie(cookie.Name, cookie.Value, "/"));
    }
}

public sealed class SqliteTwoInstanceTests : TwoInstanceTests<SqlitePortalFactory>;

public sealed class PostgresTwoInstanceTests : TwoInstanceTests<PostgresPortalFactory>;
