using System.Net;
using EduDuty.Core.Review;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 25, item 2: the supervisor reviewing a resubmission reads what differs from the edition that was returned — the two
/// figures, the text and the evidence the county changed, nothing else — and an evaluation resubmitted before editions
/// existed still shows the audit's list.
/// </summary>
public abstract class EditionDifferenceTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private string Overview => $"/Evaluations/{Id}";

    private string Evidence => $"/Evaluations/{Id}/Evidence";

    private static byte[] Fixture(string name) => File.ReadAllBytes(EduDuty.Testing.RepositoryPaths.Fixture("evidence", name));

    [Fact]
    public async Task The_supervisor_sees_exactly_the_two_figures_the_text_and_the_evidence_changed_since_the_returned_edition()
    {
        var (official, lead, supervisor) = await ResubmittedAsync();

        var page = await supervisor.GetDocumentAsync(Overview);
        var card = page.QuerySelector("#edition-differences")!;
        Assert.Contains("与退回前提交的版本相比（5 处不同）", card.QuerySelector("h2")!.TextContent);
        Assert.Contains("已提交 第1版", card.TextContent);
        Assert.Contains("已提交 第2版", card.TextContent);
        Assert.Equal("数据 2 项", card.QuerySelector("#diff-figures-count")!.TextContent);
        Assert.Equal("文字 1 处", card.QuerySelector("#diff-texts-count")!.TextContent);
        Assert.Equal("佐证材料 2 件", card.QuerySelector("#diff-evidence-count")!.TextContent);

        // The figures: scheme names, values as the form shows them (grouped digits, unit), each linked to its row.
        var figures = card.QuerySelectorAll("#diff-figures > li").ToList();
        Assert.Equal(["A10.01", "A10.02"], figures.Select(f => f.GetAttribute("data-code")));
        Assert.Equal(("学前三年适龄人口", $"/Evaluations/{Id}/Areas/A10_PRESCHOOL#row-f-A10-01"),
            (figures[0].QuerySelector("a")!.TextContent, figures[0].QuerySelector("a")!.GetAttribute("href")));
        Assert.Equal(("10,755人", "10,800人"), (Value(figures[0], "del"), Value(figures[0], "ins")));
        Assert.Equal(("10,736人", "10,790人"), (Value(figures[1], "del"), Value(figures[1], "ins")));

        // The text: the one changed character, in its sentence.
        var text = card.QuerySelector("#diff-texts > li")!;
        Assert.Equal("A10_PRESCHOOL", text.GetAttribute("data-key"));
        Assert.Contains("（十）学前教育普及普惠发展情况 · 工作情况", text.TextContent);
        Assert.Contains("删去 1 字，新增 1 字，共 1 处", text.TextContent);
        var hunk = text.QuerySelector(".edition-diff-text")!;
        Assert.Equal(("（删去）3", "（新增）5"), (hunk.QuerySelector("del")!.TextContent, hunk.QuerySelector("ins")!.TextContent));
        Assert.StartsWith("全县新建幼儿园", hunk.TextContent);

        // The evidence: the list removed from 民办学校 A07.07, the plan added to 学前教育; the minutes left alone are not listed.
        var evidence = card.QuerySelectorAll("#diff-evidence > li").Select(e => (e.GetAttribute("data-kind"), e.TextContent)).ToList();
        Assert.Equal(["Removed", "Added"], evidence.Select(e => e.Item1));
        Assert.Contains("名单", evidence[0].TextContent);
        Assert.Contains("名单.pdf", evidence[0].TextContent);
        Assert.Contains("布局规划", evidence[1].TextContent);
        Assert.Contains("（十）学前教育普及普惠发展情况", evidence[1].TextContent);
        Assert.DoesNotContain("会议纪要", card.QuerySelector("#diff-evidence")!.TextContent);
        Assert.DoesNotMatch("[0-9a-f]{64}", card.QuerySelector("#diff-evidence")!.TextContent); // names and sizes, no hash

        // The audit's who-changed-what-when stays, folded under the net difference.
        Assert.Equal("details", page.QuerySelector("#changes-since-return")!.LocalName);
        Assert.Contains("学前三年适龄人口", page.QuerySelector("#changes-since-return")!.TextContent);

        // The county does not get the review card; it compares editions from the report page instead.
        Assert.Null((await official.GetDocumentAsync(Overview)).QuerySelector("#edition-differences"));
        var report = await lead.GetDocumentAsync($"/Evaluations/{Id}/Report");
        var links = report.QuerySelectorAll("#editions a.compare-link").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/Evaluations/{Id}/Report/Compare?from=1&to=2"], links);
        var compared = await lead.GetDocumentAsync(links[0]!);
        Assert.Contains("第 2 版与第 1 版相比（5 处不同）", compared.QuerySelector("#comparison-title")!.TextContent);
        Assert.Equal(["A10.01", "A10.02"], compared.QuerySelectorAll("#diff-figures > li").Select(f => f.GetAttribute("data-code")));
    }

    [Fact]
    public async Task Comparing_an_edition_with_itself_or_with_one_that_does_not_exist_says_what_to_do()
    {
        var (_, lead, supervisor) = await ResubmittedAsync();
        var compare = $"/Evaluations/{Id}/Report/Compare";

        var same = await lead.Http.GetAsync($"{compare}?from=2&to=2");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, same.StatusCode);
        Assert.Contains("两边选择的都是第 2 版", (await PortalClient.ParseAsync(same)).QuerySelector("#compare-refusal")!.TextContent);

        var missing = await supervisor.Http.GetAsync($"{compare}?from=1&to=7");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("本评价没有第 7 版报告", (await PortalClient.ParseAsync(missing)).QuerySelector("#compare-refusal")!.TextContent);

        var garbled = await lead.Http.GetAsync($"{compare}?from=abc&to=2");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbled.StatusCode);
        Assert.Contains("不是数字", (await PortalClient.ParseAsync(garbled)).QuerySelector("#compare-refusal")!.TextContent);

        // Without numbers: the latest against the one before, either way round.
        var latest = await supervisor.GetDocumentAsync(compare);
        Assert.Contains("第 2 版与第 1 版相比", latest.QuerySelector("#comparison-title")!.TextContent);
        var reversed = await supervisor.GetDocumentAsync($"{compare}?from=2&to=1");
        Assert.Contains("第 2 版与第 1 版相比", reversed.QuerySelector("#comparison-title")!.TextContent);

        var foreign = await PortalClient.For(Factory).SignedInAsync("xiaxian.official");
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.Http.GetAsync($"{compare}?from=1&to=2")).StatusCode);
    }

    [Fact]
    public async Task Asking_a_draft_without_editions_for_a_number_says_there_is_no_such_edition_rather_than_failing()
    {
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var compare = $"/Evaluations/{Id}/Report/Compare";

        foreach (var query in new[] { "?from=1", "?from=3", "?from=1&to=2" })
        {
            var response = await lead.Http.GetAsync(compare + query);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("本评价没有第", (await PortalClient.ParseAsync(response)).QuerySelector("#compare-refusal")!.TextContent);
        }

        var only = await lead.Http.GetAsync($"{compare}?from=2");
        Assert.Contains("本评价没有第 2 版报告", (await PortalClient.ParseAsync(only)).QuerySelector("#compare-refusal")!.TextContent);
    }

    [Fact]
    public async Task An_evaluation_resubmitted_before_editions_existed_still_shows_the_audits_list()
    {
        var (_, _, supervisor) = await ResubmittedAsync();
        // Both submissions predate editions: no edition was frozen.
        await Factory.WithDbAsync(db => db.ReportEditions.Where(e => e.EvaluationId == Id).ExecuteDeleteAsync());

        var page = await supervisor.GetDocumentAsync(Overview);

        Assert.Null(page.QuerySelector("#edition-differences"));
        var card = page.QuerySelector("#changes-since-return")!;
        Assert.Equal("div", card.LocalName);
        Assert.Contains("退回后县级修改的内容", card.TextContent);
        var rows = card.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("学前三年适龄人口", StringComparison.Ordinal) && r.Contains("10800", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("工作情况文字", StringComparison.Ordinal));

        var compare = await supervisor.GetDocumentAsync($"/Evaluations/{Id}/Report/Compare");
        Assert.Contains("还没有可以比较的两个版本", compare.QuerySelector("#compare-none")!.TextContent);
    }

    [Fact]
    public async Task A_first_submission_has_nothing_to_compare_with()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        await SubmitAsync(lead);
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var page = await supervisor.GetDocumentAsync(Overview);

        Assert.Null(page.QuerySelector("#edition-differences"));
        Assert.Null(page.QuerySelector("#changes-since-return"));
        Assert.Empty((await lead.GetDocumentAsync($"/Evaluations/{Id}/Report")).QuerySelectorAll("#editions a.compare-link"));
    }

    // Submitted with a text and two files, returned, then: two figures and the text changed, one file removed and one added,
    // submitted again.
    private async Task<(PortalClient Official, PortalClient Lead, PortalClient Supervisor)> ResubmittedAsync()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        Assert.Equal(HttpStatusCode.Redirect, (await official.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", new Dictionary<string, string> { ["Form.Narrative"] = "全县新建幼儿园3所。" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(official, "A07.07", ("名单.pdf", Fixture("notice.pdf")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(official, "", ("会议纪要.docx", Fixture("notice.docx")))).StatusCode);
        await SubmitAsync(lead);

        var returned = await supervisor.SubmitAsync(Overview, "#return-form", new Dictionary<string, string>
        {
            ["Reasons[0].Target"] = "A10.01", ["Reasons[0].Text"] = "请核实学前三年适龄人口",
        });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await official.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", new Dictionary<string, string>
        {
            ["Form.Values[A10.01]"] = "10800", ["Form.Values[A10.02]"] = "10790", ["Form.Narrative"] = "全县新建幼儿园5所。",
        })).StatusCode);
        var list = await Factory.WithDbAsync(db => db.EvidenceFiles.SingleAsync(f => f.EvaluationId == Id && f.FieldCode == "A07.07"));
        var remove = await official.SubmitAsync(await official.GetDocumentAsync(Evidence), Evidence, $"#evidence-{list.Id} form[action*=Remove]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(official, "A10_PRESCHOOL", ("布局规划.pdf", [.. Fixture("notice.pdf"), .. "\n% plan\n"u8]))).StatusCode);
        await SubmitAsync(lead);
        return (official, lead, supervisor);
    }

    private Task<HttpResponseMessage> UploadAsync(PortalClient client, string target, params (string Name, byte[] Content)[] files) =>
        client.PostFilesAsync(Evidence, "#upload-form", new Dictionary<string, string> { ["Field"] = target }, files.Select(f => ("files", f.Name, f.Content)).ToArray());

    private async Task SubmitAsync(PortalClient lead)
    {
        var submitted = await lead.SubmitAsync(Overview, "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(EvaluationStatus.Submitted, await Wenxi.StatusAsync(Factory, Id));
    }

    private static string Value(AngleSharp.Dom.IElement item, string tag) =>
        item.QuerySelector($".edition-diff-values {tag}")!.TextContent.Replace("原为", "", StringComparison.Ordinal).Replace("现为", "", StringComparison.Ordinal);
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteEditionDifferenceTests(SqlitePortalFactory factory) : EditionDifferenceTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresEditionDifferenceTests(PostgresPortalFactory factory) : EditionDifferenceTests<PostgresPortalFactory>(factory);
