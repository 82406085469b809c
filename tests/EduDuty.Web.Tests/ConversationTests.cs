using System.Net;
using System.Text;
using AngleSharp.Dom;
using EduDuty.Core.Review;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

public abstract class ConversationTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private string Comments => $"/Evaluations/{Id}/Comments";

    [Fact]
    public async Task A_supervisor_comments_on_an_indicator_the_county_answers_and_either_side_resolves_or_reopens()
    {
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        // From the indicator's own row on the area page, back to that row afterwards.
        var opened = await supervisor.SubmitAsync(Wenxi.AreaUrl(Id), "#comment-A10-03-form", new Dictionary<string, string> { ["Text"] = "请说明出生人数的统计口径" });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(Wenxi.AreaUrl(Id) + "#row-f-A10-03", opened.Headers.Location!.OriginalString);
        Assert.Equal("1", (await official.GetDocumentAsync(Wenxi.AreaUrl(Id))).QuerySelector("[data-comment-target='A10.03'] .open-threads .badge")!.TextContent);

        // The county sees it waiting for its reply, on its to-do list and on the thread.
        Assert.Contains(( await official.GetDocumentAsync("/")).QuerySelectorAll("#todo li"), li => li.TextContent.Contains("1 条审核意见待您回复", StringComparison.Ordinal));
        var page = await official.GetDocumentAsync(Comments);
        var thread = page.QuerySelector(".thread")!;
        Assert.Contains("学前三年毛入园率", thread.TextContent);
        Assert.Contains("运城市督导员 · 督导人员", thread.TextContent);
        Assert.Equal("待您回复", thread.QuerySelector(".thread-state")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await official.SubmitAsync(page, Comments, ".reply-form", new Dictionary<string, string> { ["Text"] = "按公安户籍出生登记统计" })).StatusCode);
        // The supervisor's to-do list carries replies only while the evaluation is in review; this one is still a draft.
        Assert.DoesNotContain((await supervisor.GetDocumentAsync("/")).QuerySelectorAll("#todo li"), li => li.TextContent.Contains("回复", StringComparison.Ordinal));
        Assert.Equal("待您回复", (await supervisor.GetDocumentAsync(Comments)).QuerySelector(".thread-state")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitAsync(Comments, ".state-form", new Dictionary<string, string>())).StatusCode);
        Assert.Equal("已解决", (await official.GetDocumentAsync(Comments)).QuerySelector(".thread-state")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await official.SubmitAsync(Comments, ".state-form", new Dictionary<string, string>())).StatusCode);

        var stored = await Factory.WithDbAsync(db => db.ReviewComments.Where(c => c.EvaluationId == Id).OrderBy(c => c.Id).ToListAsync());
        Assert.False(stored[0].IsResolved);
        Assert.Equal(("A10.03", "Indicator"), (stored[0].Target, stored[0].TargetKind.ToString()));
        Assert.Equal(["Supervisor", "CountyOfficial", "Supervisor", "CountyOfficial"], stored.Select(c => c.AuthorRole));
    }

    [Theory]
    [InlineData("", "请填写意见内容")]
    [InlineData("   ", "请填写意见内容")]
    public async Task An_empty_comment_is_refused(string text, string expected)
    {
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var response = await supervisor.SubmitAsync(Comments, "#new-thread-form", new Dictionary<string, string> { ["Text"] = text });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expected, (await PortalClient.ParseAsync(response)).QuerySelector("#comment-problem")!.TextContent);
        Assert.False(await Factory.WithDbAsync(db => db.ReviewComments.AnyAsync(c => c.EvaluationId == Id)));
    }

    [Fact]
    public async Task Supervisors_see_their_counties_with_failing_counts_and_submissions_to_review()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        await lead.SubmitAsync($"/Evaluations/{Id}", "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason });
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var home = await supervisor.GetDocumentAsync("/");
        var row = home.QuerySelectorAll("#evaluations tbody tr").Single(r => r.TextContent.Contains("闻喜县", StringComparison.Ordinal));

        Assert.Contains("已提交", row.TextContent);
        var failingOnOverview = (await supervisor.GetDocumentAsync($"/Evaluations/{Id}")).QuerySelectorAll("#failing li").Length;
        Assert.True(failingOnOverview > 0);
        Assert.Equal(failingOnOverview.ToString(System.Globalization.CultureInfo.InvariantCulture), row.QuerySelector(".badge.text-bg-danger")!.TextContent);
        Assert.Contains(home.QuerySelectorAll("#todo li"), li => li.TextContent.Contains("闻喜县 2021年度评价已提交，待您审核", StringComparison.Ordinal));
        Assert.Equal(EvaluationStatus.Submitted, await Wenxi.StatusAsync(Factory, Id));
    }

    [Fact]
    public async Task The_history_exports_as_csv_in_utf8_with_a_bom_and_formula_safe_cells()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        await official.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", new Dictionary<string, string> { ["Form.Values[A10.01]"] = "10755" });
        await official.SubmitAsync(Comments, "#new-thread-form", new Dictionary<string, string> { ["Text"] = "=HYPERLINK(\"x\"),含逗号" });

        var response = await official.Http.GetAsync($"/Evaluations/{Id}/Audit?handler=Csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("闻喜县-2021-修改记录.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("时间,操作人,类别,对象,原值,新值,方式,数据来源部门", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\"),含逗号\"", lines[1]);
        Assert.Contains("学前三年适龄人口", lines[2]);
        Assert.EndsWith(",教育局", lines[2]); // the figure's owner (issue 30): no department enters 学前三年适龄人口
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00,", lines[2]);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteConversationTests(SqlitePortalFactory factory) : ConversationTests<SqlitePortalFactory>(factory);
