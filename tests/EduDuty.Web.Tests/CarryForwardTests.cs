using System.Globalization;
using EduDuty.Core.Review;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 16: opening 2022 takes 闻喜县's approved 2021 figures into the prior-year fields SX-2021 maps, marked and audited;
/// the growth computed from the carried value is the seed report's; the county's own change replaces the carried value.
/// </summary>
public abstract class CarryForwardTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private const string Finance = "A04_FINANCE";

    [Fact]
    public async Task Opening_2022_carries_last_years_spending_marked_and_audited_the_growth_is_the_seeds_and_an_overwrite_is_the_countys()
    {
        // 闻喜县 2021, approved: 35369.8 万元 spent (what the seed report's 62.93 % implies), 12000 students.
        var lastId = await Wenxi.EvaluationIdAsync(Factory);
        await CountyFigures.ImportAsync(Factory.Services, lastId, "wenxi.official", new Dictionary<string, Core.Figures.FieldValue>
        {
            ["A04.01"] = Core.Figures.FieldValue.Of(35369.8m),
            ["A04.04"] = Core.Figures.FieldValue.Of(12000m),
        });
        await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == lastId).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Approved)));

        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var yearPage = await admin.GetDocumentAsync("/Admin/Years?Year=2022&Region=140800");
        var mapping = yearPage.QuerySelector("#carry-mappings li[data-target='A04.02']")!.TextContent;
        Assert.Contains("A04.01", mapping);
        Assert.Contains("按2021年对市县级政府履行教育职责的评价方案（第一版）带入", mapping);

        var opened = await PortalClient.ParseAsync(await admin.SubmitAsync(yearPage, "/Admin/Years?Year=2022&Region=140800", "#open-year-form", new Dictionary<string, string>()));
        Assert.Contains("其中 1 个县带入了上年数据，共 2 项", opened.QuerySelector("#admin-message")!.TextContent);

        var id = await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == Wenxi.Code && e.Year == 2022).Select(e => e.Id).SingleAsync());
        var carried = await Factory.WithDbAsync(db => db.FigureValues.Where(f => f.EvaluationId == id).OrderBy(f => f.FieldCode).ToListAsync());
        Assert.Equal(["A04.02", "A04.04.prev"], carried.Select(f => f.FieldCode));
        Assert.Equal([35369.8m, 12000m], carried.Select(f => f.Number!.Value));
        Assert.All(carried, f => Assert.Equal(lastId, f.CarriedFromEvaluationId));
        var audit = await Wenxi.AuditAsync(Factory, id);
        Assert.Equal(["A04.02", "A04.04.prev"], audit.Select(a => a.Target).Order());
        Assert.All(audit, a => Assert.Equal((AuditSource.CarriedForward, (string?)null), (a.Source, a.OldValue)));
        Assert.Equal(["35369.8", "12000"], audit.OrderBy(a => a.Target).Select(a => a.NewValue));

        // The county sees it marked, with a link to where it came from, and last year's value beside this year's.
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var page = await official.GetDocumentAsync(Wenxi.AreaUrl(id, Finance));
        var badge = page.QuerySelector("[data-last-year-for='A04.02'] .carried-badge")!;
        Assert.Equal("来自上年", badge.TextContent.Trim());
        Assert.Equal($"/Evaluations/{lastId}/Areas/{Finance}#row-f-A04-01", badge.GetAttribute("href"));
        Assert.Contains("上年 35,370万元", page.QuerySelector("[data-last-year-for='A04.01']")!.TextContent);

        // This year's spending entered: the growth from the carried value is the seed's 62.93 %, shown against last year too.
        var saved = await official.SubmitAsync(Wenxi.AreaUrl(id, Finance), "#area-form", new Dictionary<string, string> { ["Form.Values[A04.01]"] = "57628" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        page = await official.GetDocumentAsync(Wenxi.AreaUrl(id, Finance));
        Assert.Equal("62.93 %", page.QuerySelector("[data-derived='A04.03']")!.TextContent.Trim());
        Assert.Contains("较上年 +22258万元（+62.93%）", page.QuerySelector("[data-last-year-for='A04.01']")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-last-year-for='A04.02'] .carried-badge")); // untouched: still last year's

        // The workbook and the report's appendix show last year beside this year with the change.
        var workbook = await (await official.Http.GetAsync($"/Evaluations/{id}?handler=Workbook")).Content.ReadAsByteArrayAsync();
        var (name, sheet) = XlsxEdit.Cells(workbook).Single(p => p.Key.Contains("财政教育支出", StringComparison.Ordinal));
        var row = XlsxEdit.RowOf(workbook, name, "A04.01");
        Assert.Equal(("较上年变化（下载时）", "35369.8", "57628", "+22258万元（+62.93%）"), (sheet["J3"], sheet[$"D{row}"], sheet[$"E{row}"], sheet[$"J{row}"]));
        var preview = (await official.GetDocumentAsync($"/Evaluations/{id}/Report")).QuerySelector("#report-preview")!;
        var growth = preview.QuerySelectorAll("table.report-table tr").Single(tr => tr.TextContent.Contains("一般公共预算教育支出增长率", StringComparison.Ordinal));
        Assert.Contains("较上年", preview.QuerySelector("table.report-table thead")!.TextContent);
        Assert.Equal(["一般公共预算教育支出增长率", "—", "62.93%", "—", "≥ 0%", "达标"], growth.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));

        // The county corrects the carried figure: it is theirs now, audited with the carried value as the old one.
        saved = await official.SubmitAsync(Wenxi.AreaUrl(id, Finance), "#area-form", new Dictionary<string, string> { ["Form.Values[A04.02]"] = "35000" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await Factory.WithDbAsync(db => db.FigureValues.SingleAsync(f => f.EvaluationId == id && f.FieldCode == "A04.02"));
        Assert.Equal((35000m, (int?)null, 2), (stored.Number!.Value, stored.CarriedFromEvaluationId, stored.Version));
        var change = (await Wenxi.AuditAsync(Factory, id)).Last(a => a.Target == "A04.02");
        Assert.Equal(("35369.8", "35000", AuditSource.Form), (change.OldValue, change.NewValue, change.Source));
        page = await official.GetDocumentAsync(Wenxi.AreaUrl(id, Finance));
        Assert.Null(page.QuerySelector("[data-last-year-for='A04.02'] .carried-badge"));
        Assert.Equal(((57628m - 35000m) / 35000m * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %", page.QuerySelector("[data-derived='A04.03']")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_county_without_an_approved_or_submitted_last_year_opens_empty()
    {
        // 夏县's 2021 is a draft: nothing of it is last year's.
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        await admin.SubmitAsync("/Admin/Years?Year=2023&Region=140800", "#open-year-form", new Dictionary<string, string>());
        var xiaxian2023 = await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140828" && e.Year == 2023).Select(e => e.Id).SingleAsync());

        Assert.Equal(0, await Factory.WithDbAsync(db => db.FigureValues.CountAsync(f => f.EvaluationId == xiaxian2023)));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteCarryForwardTests(SqlitePortalFactory factory) : CarryForwardTests<SqlitePortalFactory>(factory);
