using System.Net;
using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests;

/// <summary>The inbox as users see it: the unread count in the navigation bar, the list, and a message that opens where it leads.</summary>
public abstract class NotificationPageTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task A_supervisors_comment_shows_as_unread_for_the_county_and_opening_it_leads_to_the_comments_and_reads_it()
    {
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var before = (await official.GetDocumentAsync("/")).QuerySelector("#unread-count")?.TextContent;
        var supervisorBefore = (await supervisor.GetDocumentAsync("/")).QuerySelector("#unread-count")?.TextContent;

        await supervisor.SubmitAsync(Wenxi.AreaUrl(Id), "#comment-A10-03-form", new Dictionary<string, string> { ["Text"] = "请说明出生人数的统计口径" });

        var home = await official.GetDocumentAsync("/");
        Assert.Equal(Unread(before) + 1, Unread(home.QuerySelector("#unread-count")!.TextContent));
        Assert.Equal($"消息{Unread(before) + 1} 条未读", Normalized(home.QuerySelector("#notifications-link")!.TextContent)); // no Razor source in the bar
        Assert.Equal(Unread(supervisorBefore), Unread((await supervisor.GetDocumentAsync("/")).QuerySelector("#unread-count")?.TextContent)); // not told of their own comment
        var list = await official.GetDocumentAsync("/Notifications");
        var item = list.QuerySelector("#notifications li.unread a")!;
        Assert.Contains("运城市督导员对“学前三年毛入园率”发表了意见：请说明出生人数的统计口径", item.TextContent);

        var opened = await official.Http.GetAsync(item.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/Evaluations/{Id}/Comments", opened.Headers.Location!.OriginalString);
        Assert.Equal(Unread(before), Unread((await official.GetDocumentAsync("/")).QuerySelector("#unread-count")?.TextContent));
    }

    [Fact]
    public async Task With_nothing_unread_the_bar_says_only_messages()
    {
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        if ((await lead.GetDocumentAsync("/Notifications")).QuerySelector("#read-all-form") is not null)
            await lead.SubmitAsync("/Notifications", "#read-all-form", new Dictionary<string, string>());

        var link = (await lead.GetDocumentAsync("/")).QuerySelector("#notifications-link")!;

        Assert.Equal("消息", Normalized(link.TextContent));
        Assert.Null(link.QuerySelector("#unread-count"));
    }

    [Fact]
    public async Task Someone_elses_message_is_not_found()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        await (await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor"))
            .SubmitAsync(Wenxi.AreaUrl(Id), "#comment-A10-03-form", new Dictionary<string, string> { ["Text"] = "仅县级可见" });
        var href = (await official.GetDocumentAsync("/Notifications")).QuerySelector("#notifications li a")!.GetAttribute("href")!;

        var other = await PortalClient.For(Factory).SignedInAsync("jincheng.supervisor");

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(href)).StatusCode);
    }

    private static string Normalized(string text) => System.Text.RegularExpressions.Regex.Replace(text.Trim(), @"\s*\n\s*", "");

    private static int Unread(string? badge) => badge is null ? 0 : int.Parse(new string(badge.TakeWhile(char.IsDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteNotificationPageTests(SqlitePortalFactory factory) : NotificationPageTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresNotificationPageTests(PostgresPortalFactory factory) : NotificationPageTests<PostgresPortalFactory>(factory);
