using System.IO.Compression;
using System.Net;
using EduDuty.Testing;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace EduDuty.Web.Tests;

/// <summary>
/// 综合报告 and every county's report in one ZIP over <see cref="Wenxi.SeedOversightFixtureAsync"/>'s counties: 运城市's five
/// counties in draft, 闻喜 failing the golden file's indicators, 夏县 failing 学前三年毛入园率 with 80 % (target ≥ 90 %); tests that
/// need a county's return approve 闻喜, and those that need 夏县's figures include the drafts.
/// </summary>
public abstract class RollupReportTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private const string Url = "/Oversight/Rollup?Region=140800";

    [Fact]
    public async Task By_default_the_report_sums_up_the_submitted_counties_and_names_the_others_as_not_submitted()
    {
        await SeedAsync();
        await ApproveWenxiAsync();
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var page = await supervisor.GetDocumentAsync(Url);
        var text = Squash(page.QuerySelector("#report-preview")!.TextContent);

        Assert.Contains("运城市人民政府教育督导委员会办公室关于2021年度县级人民政府履行教育职责评价情况的报告", text);
        Assert.Null(page.QuerySelector("#report-draft-mark")); // nothing but submitted returns: no 征求意见稿
        // The fixture: 闻喜县 approved, 夏县 a draft with two figures, 盐湖区, 临猗县 and 万荣县 drafts with none.
        Assert.Contains("本年度应参评县（市、区）5个。截至目前，已提交自评报告1个，其中审核通过1个；退回修改0个；尚未提交4个。", text);
        Assert.Contains("夏县1个县（市、区）尚未提交自评报告，盐湖区、临猗县、万荣县3个县（市、区）尚未开始填报，其数据未纳入本报告的汇总和判断。", text);
        // 闻喜县's report leaves 66 required figures blank (README, the golden file): unknown, not met.
        Assert.Contains($"闻喜县：审核通过，{GoldenExpectations.Failing.Count}项评价指标未达标；66项必填数据未填报，相关指标未作判断。", text);
        Assert.Contains("夏县：尚未提交自评报告（草稿），已填报必填数据2/122项，未纳入汇总。", text);
        Assert.Contains("盐湖区：尚未开始填报，未纳入汇总。", text);
        Assert.Contains("目前仅闻喜县1个县（市、区）纳入汇总，暂不作跨县（市、区）的统计比较", text);
        Assert.Contains("对照评价标准，纳入汇总的1个县（市、区）中，1个仍有指标未达到目标要求", text);
        Assert.Contains("另有4个县（市、区）（盐湖区、临猗县、万荣县、夏县）未纳入汇总，其存在的问题未作判断。", text);
        Assert.DoesNotContain("夏县80%", text); // a draft's figure is not the county's return
        foreach (var code in GoldenExpectations.Failing)
            Assert.Contains(GoldenCase.Scheme.FindField(code)!.NameZh, text);
        Assert.Contains("山西省人民政府教育督导委员会办公室：", text); // the default addressee: the office above the city

        var rows = page.QuerySelectorAll("#report-preview table tr").Where(r => r.QuerySelector("td") is not null)
            .ToDictionary(r => r.QuerySelector("td")!.TextContent, r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList());
        Assert.Equal("已通过", rows["闻喜县"][1]);
        Assert.Equal(GoldenExpectations.Failing.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), rows["闻喜县"][^2]);
        Assert.Equal("66", rows["闻喜县"][^1]);
        Assert.Equal("3", rows["闻喜县"][2 + 10]); // area 11 (热点问题): A11.12–A11.14 fail in the golden file
        foreach (var county in new[] { "夏县", "盐湖区", "临猗县", "万荣县" })
            Assert.All(rows[county].Skip(2), cell => Assert.Equal("—", cell)); // never 0 for a county left out
        // A draft with nothing entered is named as the conclusion and the dashboard name it, in the appendix and above the form.
        Assert.Equal(("草稿", "未开始填报"), (rows["夏县"][1], rows["盐湖区"][1]));
        Assert.Contains("未纳入汇总：盐湖区（未开始填报）、临猗县（未开始填报）、万荣县（未开始填报）、夏县（草稿）。", Squash(page.QuerySelector("#rollup-basis")!.TextContent));
    }

    [Fact]
    public async Task Including_drafts_marks_every_pdf_page_and_the_word_header_as_a_consultation_draft()
    {
        await SeedAsync();
        await ApproveWenxiAsync();
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var saved = await supervisor.SubmitAsync(Url, "#rollup-form", new Dictionary<string, string> { ["Form.IncludeDrafts"] = "true", ["Form.Date"] = "2021-12-20" });
        var page = await supervisor.GetDocumentAsync(Url);
        var pdf = await (await supervisor.Http.GetAsync(Url + "&handler=Pdf")).Content.ReadAsByteArrayAsync();
        var docx = await (await supervisor.Http.GetAsync(Url + "&handler=Docx")).Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("征求意见稿 · 含1个县（市、区）草稿数据", page.QuerySelector("#report-draft-mark")!.TextContent);
        Assert.Contains("学前三年毛入园率（目标≥90%）未达标的有1个县（市、区）：夏县80%", Squash(page.QuerySelector("#report-preview")!.TextContent));
        var pages = Tools.PdfToText(pdf).Split('\f').Where(p => p.Trim().Length > 0).ToList();
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        Assert.All(pages, p => Assert.Contains("征求意见稿", Squash(p)));
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Contains(word.MainDocumentPart!.HeaderParts, h => h.Header!.InnerText.Contains("征求意见稿 · 含1个县（市、区）草稿数据", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_report_without_a_saved_date_prompts_for_one_and_never_prints_the_day_of_the_download()
    {
        await SeedAsync();
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var today = Core.Text.ChinaTime.Date(Core.Text.ChinaTime.Today(Factory.Clock));

        var page = await supervisor.GetDocumentAsync(Url);
        var pdf = Squash(Tools.PdfToText(await (await supervisor.Http.GetAsync(Url + "&handler=Pdf")).Content.ReadAsByteArrayAsync()));

        Assert.NotNull(page.QuerySelector("#rollup-date-missing"));
        Assert.Equal(Core.Reports.Rollup.RollupDefaults.DatePrompt, page.QuerySelector("#report-preview .report-date")!.TextContent);
        Assert.Contains(Squash(Core.Reports.Rollup.RollupDefaults.DatePrompt), pdf);
        Assert.DoesNotContain(today, pdf);
        // Nobody has submitted: nothing is judged, and the report says so rather than finding every indicator met.
        Assert.Contains("尚无县（市、区）提交自评报告，本报告暂不对存在的问题作出判断。", pdf);
        Assert.DoesNotContain("均达到目标要求", pdf);
    }

    [Fact]
    public async Task Saved_texts_fill_the_regions_placeholders_and_are_audited()
    {
        await SeedAsync();
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var saved = await supervisor.SubmitAsync(Url, "#rollup-form", new Dictionary<string, string>
        {
            ["Form.Basic"] = "共{counties}个县，{A10.03.failing_names}毛入园率未达标，最低{A10.03.min}%。",
            ["Form.Date"] = "2021-12-20",
            ["Form.IncludeDrafts"] = "true",
        });
        var page = await supervisor.GetDocumentAsync(Url);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("共5个县，夏县毛入园率未达标，最低80%。", Squash(page.QuerySelector("#report-preview")!.TextContent));
        Assert.Contains("2021年12月20日", page.QuerySelector("#report-preview .report-date")!.TextContent);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AdminAuditEntries.CountAsync(a => a.Action == Data.Entities.AdminAction.RollupReport && a.Target.StartsWith("运城市 2021") && a.After!.Contains("最低{A10.03.min}"))));
    }

    [Fact]
    public async Task A_bad_placeholder_or_a_stale_form_is_refused_with_the_reason_and_changes_nothing()
    {
        await SeedAsync();
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var first = await supervisor.GetDocumentAsync(Url);
        var second = await supervisor.GetDocumentAsync(Url);

        var bad = await supervisor.SubmitAsync(first, Url, "#rollup-form", new Dictionary<string, string> { ["Form.Requirements"] = "各县{A99.99.failing}" });
        var ok = await supervisor.SubmitAsync(first, Url, "#rollup-form", new Dictionary<string, string> { ["Form.Addressee"] = "运城市人民政府" });
        var stale = await supervisor.SubmitAsync(second, Url, "#rollup-form", new Dictionary<string, string> { ["Form.Addressee"] = "别的机关" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("整改要求第 1 段", (await PortalClient.ParseAsync(bad)).QuerySelector("#rollup-errors")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("另一位督导人员已修改", (await PortalClient.ParseAsync(stale)).QuerySelector("#rollup-errors")!.TextContent);
        var stored = await Factory.WithDbAsync(db => db.RollupReports.SingleAsync());
        Assert.Contains("运城市人民政府", stored.TextsJson);
        Assert.DoesNotContain("A99.99", stored.TextsJson);
    }

    [Fact]
    public async Task The_report_downloads_as_pdf_and_word_with_the_same_words()
    {
        await SeedAsync();
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        await supervisor.SubmitAsync(Url, "#rollup-form", new Dictionary<string, string> { ["Form.IncludeDrafts"] = "true" });

        var pdf = await supervisor.Http.GetAsync(Url + "&handler=Pdf");
        var docx = await supervisor.Http.GetAsync(Url + "&handler=Docx");

        Assert.Equal("运城市2021年度履行教育职责评价综合报告.pdf", pdf.Content.Headers.ContentDisposition!.FileNameStar);
        using (var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = Squash(string.Concat(document.GetPages().Select(p => p.Text)));
            Assert.Contains("未达标的有1个县（市、区）：夏县80%", text);
            Assert.Contains("各县（市、区）未达标指标分布", text);
        }

        Assert.Equal("运城市2021年度履行教育职责评价综合报告.docx", docx.Content.Headers.ContentDisposition!.FileNameStar);
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        Assert.Contains("未达标的有1个县（市、区）：夏县80%", word.MainDocumentPart!.Document!.Body!.InnerText);
    }

    [Fact]
    public async Task Every_countys_report_comes_in_one_zip_one_pdf_per_county_named_in_chinese()
    {
        await SeedAsync();
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var counties = await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Year == 2021 && e.County.Path.StartsWith(
            db.Regions.Where(r => r.Code == "140800").Select(r => r.Path).Single())).Select(e => e.County.Name).ToListAsync());

        var response = await supervisor.Http.GetAsync("/Oversight/Export?handler=Reports&Region=140800");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("运城市2021年度各县自评报告.zip", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(counties.Select(c => $"{c}2021年度履行教育职责自评报告.pdf").Order(), zip.Entries.Select(e => e.FullName).Order());
        using var wenxi = new MemoryStream();
        await using (var entry = await zip.GetEntry("闻喜县2021年度履行教育职责自评报告.pdf")!.OpenAsync()) await entry.CopyToAsync(wenxi);
        using var pdf = PdfDocument.Open(wenxi.ToArray());
        Assert.Contains("学前三年毛入园率达99.82%", Squash(string.Concat(pdf.GetPages().Select(p => p.Text)))); // the golden figure
    }

    [Fact]
    public async Task Another_citys_supervisor_gets_neither_the_report_nor_the_zip_of_yuncheng()
    {
        await SeedAsync();
        var other = await PortalClient.For(Factory).SignedInAsync("jincheng.supervisor");
        var county = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var page = await other.Http.GetAsync(Url);
        var pdf = await other.Http.GetAsync(Url + "&handler=Pdf");
        var zip = await other.Http.GetAsync("/Oversight/Export?handler=Reports&Region=140800");
        var own = await other.GetDocumentAsync("/Oversight/Rollup");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("不在您管辖的范围内", (await PortalClient.ParseAsync(page)).QuerySelector("#rollup-refusal")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, zip.StatusCode);
        Assert.DoesNotContain("闻喜", own.Body!.TextContent);
        Assert.DoesNotContain("夏县", own.Body!.TextContent);
        Assert.NotEqual(HttpStatusCode.OK, (await county.Http.GetAsync(Url)).StatusCode);
    }

    [Fact]
    public async Task A_city_of_55_counties_shows_50_a_page_page_2_the_next_and_a_page_that_is_not_there_shows_the_nearest_and_says_so()
    {
        // A city of its own under 山西省 (149900), 55 counties with a draft each, removed again afterwards.
        await Factory.WithDbAsync(async db =>
        {
            var province = await db.Regions.SingleAsync(r => r.Code == "140000");
            var scheme = await db.Evaluations.Where(e => e.Id == Id).Select(e => e.SchemeId).SingleAsync();
            var city = new Data.Entities.Region { Code = "149900", Name = "分页市", Level = Core.Regions.RegionLevel.City, ParentId = province.Id, Path = Core.Regions.AdministrativeCode.PathOf("149900", province.Path) };
            db.Regions.Add(city);
            await db.SaveChangesAsync();
            var now = Factory.Clock.GetUtcNow().UtcDateTime;
            for (var i = 1; i <= 55; i++)
            {
                var code = $"1499{i:00}";
                var county = new Data.Entities.Region { Code = code, Name = $"分页{i:00}县", Level = Core.Regions.RegionLevel.County, ParentId = city.Id, Path = Core.Regions.AdministrativeCode.PathOf(code, city.Path) };
                db.Evaluations.Add(new Data.Entities.Evaluation { County = county, SchemeId = scheme, Year = 2021, Status = Core.Review.EvaluationStatus.Draft, CreatedAtUtc = now, UpdatedAtUtc = now });
            }

            return await db.SaveChangesAsync();
        });
        try
        {
            var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
            const string city = "/Oversight/Rollup?Region=149900";

            var first = await admin.GetDocumentAsync(city);
            var second = await admin.GetDocumentAsync(city + "&p=2");
            var beyond = await admin.Http.GetAsync(city + "&p=3");
            var docx = await (await admin.Http.GetAsync(city + "&handler=Docx")).Content.ReadAsByteArrayAsync();

            static List<string> Conclusions(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll("#report-preview p.report-paragraph")
                .Select(p => p.TextContent).Where(t => t.Contains("分页", StringComparison.Ordinal) && t.Contains("县：", StringComparison.Ordinal)).ToList();
            static List<string> Rows(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll("#rollup-grid tbody tr").Select(r => r.QuerySelector("td")!.TextContent).ToList();
            Assert.Equal(Enumerable.Range(1, 50).Select(i => $"{i}.分页{i:00}县：尚未开始填报，未纳入汇总。"), Conclusions(first));
            Assert.Equal(Enumerable.Range(1, 50).Select(i => $"分页{i:00}县"), Rows(first));
            Assert.Equal("页面分页显示：第1–50县，共55县；下载的PDF和Word含全部县。", Squash(first.QuerySelector("#rollup-conclusions-range")!.TextContent));
            Assert.NotNull(first.QuerySelector("a[href$='&p=2#rollup-conclusions']"));
            Assert.Equal(Enumerable.Range(51, 5).Select(i => $"{i}.分页{i:00}县：尚未开始填报，未纳入汇总。"), Conclusions(second));
            Assert.Equal(Enumerable.Range(51, 5).Select(i => $"分页{i:00}县"), Rows(second));
            // A page that is not there shows the nearest one and says so, like 督导总览's county list (one rule: Pager.Notice).
            Assert.Equal(HttpStatusCode.OK, beyond.StatusCode);
            var nearest = await PortalClient.ParseAsync(beyond);
            Assert.Equal(Enumerable.Range(51, 5).Select(i => $"分页{i:00}县"), Rows(nearest));
            Assert.Equal("没有页码为“3”的一页（共 2 页），现在显示第 2 页。可用列表下方的页码翻页。", nearest.QuerySelector("#page-notice")!.TextContent);
            var word1 = await admin.GetDocumentAsync(city + "&p=abc");
            Assert.Equal("没有页码为“abc”的一页（共 2 页），现在显示第 1 页。可用列表下方的页码翻页。", word1.QuerySelector("#page-notice")!.TextContent);
            Assert.Null(second.QuerySelector("#page-notice"));
            var oversight = await admin.GetDocumentAsync("/Oversight?Region=149900&p=-3");
            Assert.Equal("没有页码为“-3”的一页（共 2 页），现在显示第 1 页。可用列表下方的页码翻页。", oversight.QuerySelector("#page-notice")!.TextContent);
            using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false);
            var all = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.All(Enumerable.Range(1, 55), i => Assert.Contains($"{i}.分页{i:00}县：", all)); // the download holds every county
        }
        finally
        {
            await Factory.WithDbAsync(async db =>
            {
                await db.Evaluations.Where(e => e.County.Code.StartsWith("1499")).ExecuteDeleteAsync();
                await db.Regions.Where(r => r.Code.StartsWith("1499") && r.Level == Core.Regions.RegionLevel.County).ExecuteDeleteAsync();
                return await db.Regions.Where(r => r.Code == "149900").ExecuteDeleteAsync();
            });
        }
    }

    // The fixture's counties, and the region's texts as their defaults.
    private async Task SeedAsync()
    {
        await Wenxi.SeedOversightFixtureAsync(Factory, Id);
        await Factory.WithDbAsync(db => db.RollupReports.ExecuteDeleteAsync());
    }

    private Task ApproveWenxiAsync() => Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == Id)
        .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, Core.Review.EvaluationStatus.Approved)));

    private static string Squash(string text) => text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteRollupReportTests(SqlitePortalFactory factory) : RollupReportTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresRollupReportTests(PostgresPortalFactory factory) : RollupReportTests<PostgresPortalFactory>(factory);
