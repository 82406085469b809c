using System.Text;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Exports;
using EduDuty.Application.Oversight;
using EduDuty.Core.Figures;
using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sylvan.Data.Csv;

namespace EduDuty.Application.Tests;

/// <summary>
/// The API's region summaries (issue 29, decision 0051): streamed one county at a time, they are the counties the roll-up's
/// read gives (state, deadline, completeness, failing codes, judged values) in code order; who may read them is the counties'
/// export's rule; the CSV written as the rows come is the same format as the portal's CSV downloads, formulas defused.
/// </summary>
public abstract class RegionSummariesTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    private static readonly Actor Admin = new("summaries-test", "省管理员", [Roles.Admin], AdministrativeCode.PathOf("140000", null));

    [Fact]
    public async Task The_stream_gives_the_counties_of_the_rollup_read_in_code_order_and_the_csv_holds_them_defused()
    {
        await AddCountiesAsync(24);
        await host.WithScopeAsync(async s =>
        {
            var summaries = s.GetRequiredService<RegionSummaries>();
            var opened = await summaries.OpenAsync(Admin, 2021, "148000", CancellationToken.None);
            Assert.True(opened.IsDone, opened.Refusal);
            var streamed = new List<CountySummary>();
            await foreach (var county in opened.Value!.Counties) streamed.Add(county);

            var selection = (await s.GetRequiredService<Excel.CountiesWorkbookExport>().SelectAsync(Admin, 2021, null, "148000", CancellationToken.None)).Value!;
            var loaded = await s.GetRequiredService<RegionCountiesQuery>().LoadForRollupAsync(selection, CancellationToken.None);
            Assert.Equal(24, streamed.Count);
            Assert.Equal(loaded.Counties.Select(CountySummary.Of).Select(Text), streamed.Select(Text));
            Assert.Equal(streamed.Select(c => c.Code).Order(StringComparer.Ordinal), streamed.Select(c => c.Code));
            // Every state there; values as strings exactly as stored; the preschool rate failing where its enrolment was lowered.
            Assert.Equal(["approved", "draft", "notStarted", "returned", "submitted"], streamed.Select(c => c.State).Distinct().Order(StringComparer.Ordinal));
            var third = streamed.Single(c => c.Code == "148003");
            Assert.Equal("79.86", third.Values["A10.03"]); // 99.82 × 0.8, as the engine rounds it
            Assert.Contains("A10.03", third.Failing);
            Assert.Null(streamed.Single(c => c.Code == "148006").EvaluationId);
            Assert.Equal("未开始填报", streamed.Single(c => c.Code == "148001").StateText); // a draft with nothing entered (decision 0035)

            // The CSV, written from a second stream as it comes: a header, one row per county, a formula-like name defused.
            var again = await summaries.OpenAsync(Admin, 2021, "148000", CancellationToken.None);
            using var buffer = new MemoryStream();
            await CsvFile.WriteAsync(buffer, [.. RegionSummaries.CsvHeaders, .. again.Value!.JudgedCodes],
                Rows(again.Value.Counties, again.Value.JudgedCodes), CancellationToken.None);
            var bytes = buffer.ToArray();
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            using var reader = CsvDataReader.Create(new StringReader(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)));
            var rows = new List<string[]>();
            while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
            Assert.Equal(24, rows.Count);
            Assert.Equal("县代码", reader.GetName(0));
            Assert.Equal("'=HYPERLINK(\"x\")县", rows.Single(r => r[0] == "148005")[1]);
            var column = again.Value.JudgedCodes.ToList().IndexOf("A10.03") + RegionSummaries.CsvHeaders.Count;
            Assert.Equal(third.Values["A10.03"], rows.Single(r => r[0] == "148003")[column]);
            return 0;
        });
    }

    [Fact]
    public async Task Who_may_read_them_is_the_counties_exports_rule()
    {
        await host.WithScopeAsync(async s =>
        {
            var summaries = s.GetRequiredService<RegionSummaries>();
            var official = new Actor("summaries-official", "县填报员", [Roles.CountyOfficial], AdministrativeCode.PathOf("140823", AdministrativeCode.PathOf("140800", AdministrativeCode.PathOf("140000", null))));
            var refused = await summaries.OpenAsync(official, 2021, null, CancellationToken.None);
            Assert.Equal((OutcomeKind.Refused, "only-oversight-reads-counties"), (refused.Kind, refused.Reason!.Code));

            var city = new Actor("summaries-city", "市督导", [Roles.Supervisor], AdministrativeCode.PathOf("140800", AdministrativeCode.PathOf("140000", null)));
            var foreign = await summaries.OpenAsync(city, 2021, "140100", CancellationToken.None);
            Assert.Equal((OutcomeKind.NotFound, "counties-region-unknown"), (foreign.Kind, foreign.Reason!.Code));
            var noYear = await summaries.OpenAsync(city, 1999, null, CancellationToken.None);
            Assert.Equal((OutcomeKind.NotFound, "counties-no-evaluations"), (noYear.Kind, noYear.Reason!.Code));
            var own = await summaries.OpenAsync(city, 2021, null, CancellationToken.None);
            Assert.True(own.IsDone);
            var codes = new List<string>();
            await foreach (var county in own.Value!.Counties) codes.Add(county.Code);
            Assert.Contains("140823", codes); // 闻喜县 of the seed
            Assert.All(codes, c => Assert.StartsWith("1408", c, StringComparison.Ordinal));
            return 0;
        });
    }

    private static string Text(CountySummary c) =>
        $"{c.Code}|{c.Name}|{c.EvaluationId}|{c.State}|{c.StateText}|{c.Due}|{c.Overdue}|{c.RequiredFilled}/{c.Required}|{c.OptionalFilled}|{string.Join(',', c.Failing)}|{string.Join(';', c.Values.Select(v => $"{v.Key}={v.Value}"))}";

    private static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(IAsyncEnumerable<CountySummary> counties, IReadOnlyList<string> codes)
    {
        await foreach (var county in counties) yield return RegionSummaries.CsvRow(county, codes);
    }

    // Counties of a city of their own in every state; every third fails the preschool rate (its enrolment × 0.8); the fifth's name starts like a formula.
    private Task AddCountiesAsync(int count) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var scheme = await db.Schemes.Where(x => x.Code == "SX-2021").Select(x => x.Id).FirstAsync();
        var province = await db.Regions.SingleAsync(r => r.Code == "140000");
        var city = new Region { Code = "148000", Name = "汇总市", Level = RegionLevel.City, ParentId = province.Id, Path = AdministrativeCode.PathOf("148000", province.Path) };
        db.Regions.Add(city);
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var opened = new List<(Evaluation Evaluation, int K)>();
        for (var k = 1; k <= count; k++)
        {
            var code = $"1480{k:00}";
            var county = new Region { Code = code, Name = k == 5 ? "=HYPERLINK(\"x\")县" : $"汇总{k}县", Level = RegionLevel.County, Parent = city, Path = AdministrativeCode.PathOf(code, city.Path) };
            db.Regions.Add(county);
            if (k % 6 == 0) continue; // not started
            var status = (k % 6) switch { 1 => EvaluationStatus.Draft, 2 => EvaluationStatus.Returned, 3 or 4 => EvaluationStatus.Submitted, _ => EvaluationStatus.Approved };
            var evaluation = new Evaluation { County = county, SchemeId = scheme, Year = 2021, Status = status, CreatedAtUtc = now, UpdatedAtUtc = now };
            db.Evaluations.Add(evaluation);
            if (k % 12 != 1) opened.Add((evaluation, k)); // the first and thirteenth: nothing entered
        }

        await db.SaveChangesAsync();
        foreach (var (evaluation, k) in opened)
            foreach (var (field, value) in GoldenCase.Figures)
            {
                var row = new FigureValue { EvaluationId = evaluation.Id, FieldCode = field, UpdatedAtUtc = now };
                row.Assign(field == "A10.02" && k % 3 == 0 ? FieldValue.Of(value.Number * 0.8m) : value);
                db.FigureValues.Add(row);
            }

        await db.SaveChangesAsync();
        return await Summaries.RefreshStaleAsync(db, s.GetRequiredService<StoredSchemes>(), now);
    });
}

public sealed class SqliteRegionSummariesTests(SqliteApplicationHost host) : RegionSummariesTests<SqliteApplicationHost>(host);

public sealed class PostgresRegionSummariesTests(PostgresApplicationHost host) : RegionSummariesTests<PostgresApplicationHost>(host);
