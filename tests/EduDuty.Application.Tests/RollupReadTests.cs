using EduDuty.Application.Evaluations;
using EduDuty.Application.Excel;
using EduDuty.Application.Oversight;
using EduDuty.Application.Oversight.Rollup;
using EduDuty.Core.Figures;
using EduDuty.Core.Regions;
using EduDuty.Core.Reports;
using EduDuty.Core.Reports.Rollup;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// The roll-up read for the roll-up (issue 28, second round): the counties in brief with their stored judged values, and the
/// amounts in 万元 summed by the database per code and state, write the same report as the full read of every county with each
/// county's own amounts (the computation before) — a province with counties in every state (not started, drafts with and
/// without figures, returned, submitted, approved), amounts that differ by county and some left out, with and without drafts.
/// </summary>
public abstract class RollupReadTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    private static readonly Actor Admin = new("rollup-read-test", "省管理员", [Roles.Admin], AdministrativeCode.PathOf("140000", null));

    [Fact]
    public async Task The_brief_read_and_the_summed_amounts_write_the_report_of_the_full_read()
    {
        await AddCountiesAsync(36);
        var (view, before) = await host.WithScopeAsync(async s =>
        {
            var view = await s.GetRequiredService<RollupReports>().LoadAsync(Admin, 2021, null, "140000", CancellationToken.None);
            return (view, await FullReadAsync(s, view));
        });

        var facts = view.Facts!;
        Assert.NotNull(facts.AmountGroups);
        Assert.All(facts.Counties, c => Assert.Empty(c.Amounts));
        Assert.True(before.Counties.Count(c => c.Amounts.Count > 0) >= 20, "the counties entered amounts");
        foreach (var drafts in new[] { false, true })
        {
            var texts = new RollupTexts { IncludeDrafts = drafts, Basic = ["{counties}个县，{included}个纳入汇总，{A10.03.failing_names}；{A10.03.median}；{A10.03.passing}"] };
            var expected = RollupBuilder.Build(before, texts);
            var actual = RollupBuilder.Build(facts, texts);
            Assert.Contains("合计", expected.ToPlainText(), StringComparison.Ordinal); // the amounts' totals are printed
            Assert.Equal(expected.ToPlainText(), actual.ToPlainText());
            Assert.Equal(expected.Grid!.Rows.Select(r => string.Join('|', r)), actual.Grid!.Rows.Select(r => string.Join('|', r)));
            Assert.Equal((expected.Notice, expected.NoticeMark), (actual.Notice, actual.NoticeMark));
        }
    }

    // The facts as read before issue 28's second round: every county in full, and each evaluation's amounts row by row.
    private static async Task<RegionFacts> FullReadAsync(IServiceProvider s, RollupView view)
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var loaded = await s.GetRequiredService<RegionCountiesQuery>().LoadAsync(view.Selection!, CancellationToken.None);
        var codes = RegionFacts.AmountFields(loaded.Scheme).Select(f => f.Code).ToList();
        var ids = loaded.Counties.Where(c => c.EvaluationId is not null).Select(c => c.EvaluationId!.Value).ToList();
        var amounts = (await db.FigureValues.AsNoTracking().Where(f => ids.Contains(f.EvaluationId) && codes.Contains(f.FieldCode) && f.Number != null)
                .Select(f => new { f.EvaluationId, f.FieldCode, f.Number }).ToListAsync())
            .ToLookup(f => f.EvaluationId);
        return view.Facts! with
        {
            AmountGroups = null,
            Counties = loaded.Counties.Select(c => new RollupCounty(c.Name, c.State, c.Overdue, c.Summary)
            {
                Score = c.Score,
                Verified = c.Verified,
                Amounts = c.EvaluationId is { } id ? amounts[id].ToDictionary(f => f.FieldCode, f => f.Number!.Value, StringComparer.Ordinal) : new Dictionary<string, decimal>(),
            }).ToList(),
        };
    }

    // Counties in a city of their own in every state; those with figures have the golden figures with their amounts varied
    // (and one amount left out in every fifth), the preschool enrolment failing in every third; summaries as the portal stores them.
    private Task AddCountiesAsync(int count) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var scheme = await db.Schemes.Where(x => x.Code == "SX-2021").Select(x => x.Id).FirstAsync();
        var province = await db.Regions.SingleAsync(r => r.Code == "140000");
        var amountCodes = RegionFacts.AmountFields(GoldenCase.Scheme).Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        var golden = GoldenCase.Figures;
        var city = new Region { Code = "147000", Name = "汇总市", Level = RegionLevel.City, ParentId = province.Id, Path = AdministrativeCode.PathOf("147000", province.Path) };
        db.Regions.Add(city);
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var opened = new List<(Evaluation Evaluation, int K)>();
        for (var k = 1; k <= count; k++)
        {
            var code = $"1470{k:00}";
            var county = new Region { Code = code, Name = $"汇总{k}县", Level = RegionLevel.County, Parent = city, Path = AdministrativeCode.PathOf(code, city.Path) };
            db.Regions.Add(county);
            if (k % 6 == 0) continue; // not started
            var status = (k % 6) switch { 1 => EvaluationStatus.Draft, 2 => EvaluationStatus.Returned, 3 or 4 => EvaluationStatus.Submitted, _ => EvaluationStatus.Approved };
            var evaluation = new Evaluation { County = county, SchemeId = scheme, Year = 2021, Status = status, CreatedAtUtc = now, UpdatedAtUtc = now };
            db.Evaluations.Add(evaluation);
            if (k % 7 != 1) opened.Add((evaluation, k)); // every seventh: nothing entered
        }

        await db.SaveChangesAsync();
        var left = amountCodes.Order(StringComparer.Ordinal).First();
        foreach (var (evaluation, k) in opened)
        {
            foreach (var (field, value) in golden)
            {
                if (field == left && k % 5 == 0) continue; // an amount not entered
                var entered = amountCodes.Contains(field) ? FieldValue.Of(value.Number + k * 13.07m) : field == "A10.03" && k % 3 == 0 ? FieldValue.Of(80m) : value;
                var row = new FigureValue { EvaluationId = evaluation.Id, FieldCode = field, UpdatedAtUtc = now };
                row.Assign(entered);
                db.FigureValues.Add(row);
            }
        }

        await db.SaveChangesAsync();
        return await Summaries.RefreshStaleAsync(db, s.GetRequiredService<StoredSchemes>(), now);
    });
}

public sealed class SqliteRollupReadTests(SqliteApplicationHost host) : RollupReadTests<SqliteApplicationHost>(host);

public sealed class PostgresRollupReadTests(PostgresApplicationHost host) : RollupReadTests<PostgresApplicationHost>(host);
