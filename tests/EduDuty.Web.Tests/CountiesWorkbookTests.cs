using System.Net;
using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// The every-county workbook: for each county of 运城市, every value and every failing mark equals what the rule engine makes of
/// that county's stored figures; scope keeps other cities out.
/// </summary>
public abstract class CountiesWorkbookTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private const string Url = "/Oversight/Export?handler=Download&Region=140800";

    [Fact]
    public async Task Every_countys_values_and_failing_marks_equal_the_rule_engines()
    {
        await Wenxi.SeedGoldenFiguresAsync(Factory, Id);
        var xiaxian = await Wenxi.EvaluationIdAsync(Factory, "140828");
        await StoreAsync(xiaxian, "xiaxian.official", ("A10.01", 1000m), ("A10.02", 800m)); // 毛入园率 80% < 90%: fails
        var client = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var response = await client.Http.GetAsync(Url);
        var workbook = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("运城市-2021-各县数据.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var cells = XlsxEdit.Cells(workbook);
        var comments = XlsxComments.Of(workbook);
        var scheme = GoldenCase.Scheme;
        var counties = await CountiesAsync();
        Assert.Equal(["140802", "140821", "140822", "140823", "140828"], Column(cells["汇总"], "A", counties.Count));

        foreach (var area in scheme.Areas)
        {
            var sheet = cells[area.Heading];
            for (var i = 0; i < counties.Count; i++)
            {
                var (code, figures) = counties[i];
                var row = i + 3;
                Assert.Equal(code, sheet[$"A{row}"]);
                var result = RuleEngine.For(scheme).Evaluate(figures);
                for (var f = 0; f < area.Fields.Count; f++)
                {
                    var field = result[area.Fields[f].Code];
                    var reference = $"{Reporting.Excel.CellReference.Column(f + 4)}{row}";
                    Assert.Equal(Expected(field), sheet.GetValueOrDefault(reference, ""));
                    Assert.Equal(field.Status == JudgmentStatus.Fail ? field.Reason : null, comments[area.Heading].GetValueOrDefault(reference));
                }
            }
        }

        var preschool = cells["（十）学前教育普及普惠发展情况"];
        Assert.Equal("99.82", preschool[$"F{Row(counties, "140823")}"]); // golden A10.03
        Assert.Contains("（十）学前教育普及普惠发展情况", comments.Where(c => c.Value.Count > 0).Select(c => c.Key));
        Assert.True(XlsxComments.HasCommentDrawing(workbook, "（十）学前教育普及普惠发展情况"));
        var failingInGolden = GoldenExpectations.Failing.Count;
        Assert.Equal(failingInGolden.ToString(System.Globalization.CultureInfo.InvariantCulture), cells["汇总"][$"I{Row(counties, "140823") - 1}"]); // the summary has one header row
    }

    [Fact]
    public async Task A_city_supervisor_cannot_export_another_city_and_county_users_have_no_export()
    {
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var foreign = await supervisor.Http.GetAsync("/Oversight/Export?handler=Download&Region=140500");
        var county = await official.Http.GetAsync(Url);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("不在您管辖的范围内", (await PortalClient.ParseAsync(foreign)).QuerySelector("#export-refusal")!.TextContent);
        Assert.NotEqual(HttpStatusCode.OK, county.StatusCode);
        Assert.DoesNotContain("spreadsheetml", county.Content.Headers.ContentType?.MediaType ?? "");
    }

    private static string Expected(FieldResult field) => field.Value switch
    {
        null => "",
        { Type: FieldValueType.Number } v => (field.Field.Kind.IsInput() ? v.Number : field.DisplayNumber!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
        { Type: FieldValueType.Flag } v => v.Flag ? "是" : "否",
        var v => v.Value.Text!,
    };

    private static int Row(List<(string Code, Dictionary<string, FieldValue> Figures)> counties, string code) => counties.FindIndex(c => c.Code == code) + 3;

    private static List<string> Column(IReadOnlyDictionary<string, string> sheet, string column, int count) =>
        Enumerable.Range(2, count).Select(r => sheet[$"{column}{r}"]).ToList();

    // The counties of 运城市 in code order with their stored figures, read here without the export's code.
    private Task<List<(string Code, Dictionary<string, FieldValue> Figures)>> CountiesAsync() => Factory.WithDbAsync(async db =>
    {
        var counties = await db.Regions.Where(r => r.Level == Core.Regions.RegionLevel.County && r.Code.StartsWith("1408")).OrderBy(r => r.Code).ToListAsync();
        var list = new List<(string, Dictionary<string, FieldValue>)>();
        foreach (var county in counties)
        {
            var ids = db.Evaluations.Where(e => e.CountyId == county.Id && e.Year == 2021).Select(e => e.Id);
            var rows = await db.FigureValues.Where(f => ids.Contains(f.EvaluationId)).ToListAsync();
            list.Add((county.Code, rows.ToDictionary(r => r.FieldCode, r => r.ToValue()!.Value)));
        }

        return list;
    });

    // Replaces the county's figures by these, entered by its official (an import through the write path).
    private async Task StoreAsync(int id, string official, params (string Code, decimal Value)[] figures)
    {
        await Factory.WithDbAsync(db => db.FigureValues.Where(f => f.EvaluationId == id).ExecuteDeleteAsync());
        await CountyFigures.ImportAsync(Factory.Services, id, official, figures.ToDictionary(f => f.Code, f => FieldValue.Of(f.Value)));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteCountiesWorkbookTests(SqlitePortalFactory factory) : CountiesWorkbookTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresCountiesWorkbookTests(PostgresPortalFactory factory) : CountiesWorkbookTests<PostgresPortalFactory>(factory);
