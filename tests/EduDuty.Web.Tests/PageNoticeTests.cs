using System.Net;
using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests;

/// <summary>
/// Every paged list says so when the page its address asks for is not there and the nearest is shown (Pager.Notice, one rule;
/// 督导总览 and 综合报告 are checked in RollupReportTests): the home list, an evaluation's change record, the rectification
/// tasks, the users and the admin record. The demo's lists have one page each (an empty list too).
/// </summary>
public abstract class PageNoticeTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task A_page_that_is_not_there_shows_the_nearest_and_says_so_on_every_paged_list()
    {
        var id = await Wenxi.EvaluationIdAsync(Factory);
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var lists = new (PortalClient Client, string Path, string List)[]
        {
            (official, "/", "#evaluations"),
            (official, $"/Evaluations/{id}/Audit", "#audit"),
            (official, "/Rectification", "#tasks"),
            (admin, "/Admin/Users", "#users"),
            (admin, "/Admin/Audit", "#admin-audit"),
        };

        foreach (var (client, path, list) in lists)
        {
            var join = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            foreach (var (asked, said) in new[] { ("999", "999"), ("abc", "abc"), ("-1", "-1"), (new string('9', 40), new string('9', 12) + "…") })
            {
                using var response = await client.Http.GetAsync($"{path}{join}p={Uri.EscapeDataString(asked)}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = await PortalClient.ParseAsync(response);
                Assert.True(page.QuerySelector(list) is not null || page.QuerySelector("#no-evaluations, #audit-empty, #no-tasks") is not null, $"{path}?p={asked}: neither {list} nor its empty note");
                Assert.Equal($"没有页码为“{said}”的一页：列表只有 1 页，以下为全部内容。", page.QuerySelector("#page-notice")?.TextContent);
            }

            var first = await client.GetDocumentAsync($"{path}{join}p=1");
            Assert.Null(first.QuerySelector("#page-notice"));
            Assert.Null((await client.GetDocumentAsync(path)).QuerySelector("#page-notice"));
        }
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqlitePageNoticeTests(SqlitePortalFactory factory) : PageNoticeTests<SqlitePortalFactory>(factory);
