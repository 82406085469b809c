using EduDuty.Application.Evaluations;
using EduDuty.Application.Excel;
using EduDuty.Application.Oversight;
using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using EduDuty.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// 督导总览 reads every county in brief and the details (city, scores, optional counts, warnings) only for the county list's
/// page (issue 28): each page, in every state filter, lists the same counties with the same details as the full read of every
/// county, and the aggregates are made from every county.
/// </summary>
public abstract class OversightPageTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    private static readonly Actor Admin = new("oversight-page-test", "省管理员", [Roles.Admin], AdministrativeCode.PathOf("140000", null));

    [Fact]
    public async Task Every_page_in_every_state_lists_the_counties_and_details_of_the_full_read()
    {
        await AddCountiesAsync(120);
        var full = await host.WithScopeAsync(async s =>
        {
            var (selection, _) = await s.GetRequiredService<CountiesWorkbookExport>().ResolveAsync(Admin, 2021, null, "140000", CancellationToken.None);
            return (await s.GetRequiredService<RegionCountiesQuery>().LoadAsync(selection!, CancellationToken.None)).Counties;
        });
        Assert.True(full.Count > OversightQuery.PageSize, $"{full.Count} counties: the province needs two pages at least");
        Assert.Contains(full, c => c.Parent is not null);

        foreach (var state in new CountyState?[] { null }.Concat(Enum.GetValues<CountyState>().Cast<CountyState?>()))
        {
            var listed = full.Where(c => state is null || c.State == state).ToList();
            var pages = Paging.PageCount(listed.Count, OversightQuery.PageSize);
            for (var page = 1; page <= pages; page++)
            {
                var view = await host.WithScopeAsync(s => s.GetRequiredService<OversightQuery>().HandleAsync(Admin, 2021, null, "140000", null, CancellationToken.None, state, page));
                var expected = listed.Skip((page - 1) * OversightQuery.PageSize).Take(OversightQuery.PageSize).ToList();
                Assert.Equal((page, pages, listed.Count), (view.PageNumber, view.PageCount, view.Listed));
                Assert.Equal(expected.Select(Shown), view.CountyPage.Select(Shown));
                Assert.All(view.CountyPage, c => Assert.False(c.Brief));
                Assert.Equal(full.Count, view.Counties.Count);
                Assert.All(view.Counties, c => Assert.True(c.Brief));
                Assert.Equal(full.Select(c => (c.Code, c.Name, c.State, c.Overdue, c.HasFigures, string.Join(",", c.Failing))),
                    view.Counties.Select(c => (c.Code, c.Name, c.State, c.Overdue, c.HasFigures, string.Join(",", c.Failing))));
            }
        }

        var beyond = await host.WithScopeAsync(s => s.GetRequiredService<OversightQuery>().HandleAsync(Admin, 2021, null, "140000", null, CancellationToken.None, null, 999));
        Assert.Equal(beyond.PageCount, beyond.PageNumber); // clamped into the pages there are (issue 15)
    }

    // 120 more counties in two cities of their own, each with a 2021 draft, every fourth nothing entered yet and every third
    // submitted: summaries as the portal stores them.
    private Task AddCountiesAsync(int count) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var scheme = await db.Schemes.Where(x => x.Code == "SX-2021").Select(x => x.Id).FirstAsync();
        var province = await db.Regions.SingleAsync(r => r.Code == "140000");
        for (var c = 0; c * 60 < count; c++)
        {
            var code = $"14{60 + c}00";
            var city = new Region { Code = code, Name = $"分页{c}市", Level = RegionLevel.City, ParentId = province.Id, Path = AdministrativeCode.PathOf(code, province.Path) };
            db.Regions.Add(city);
            for (var k = 1; k <= 60 && c * 60 + k <= count; k++)
            {
                var countyCode = $"14{60 + c}{k:00}";
                var county = new Region { Code = countyCode, Name = $"分页{c}-{k}县", Level = RegionLevel.County, Parent = city, Path = AdministrativeCode.PathOf(countyCode, city.Path) };
                if (k % 4 == 0) { db.Regions.Add(county); continue; } // not started
                var status = k % 3 == 0 ? EvaluationStatus.Submitted : EvaluationStatus.Draft;
                db.Evaluations.Add(new Evaluation { County = county, SchemeId = scheme, Year = 2021, Status = status, CreatedAtUtc = host.Clock.GetUtcNow().UtcDateTime, UpdatedAtUtc = host.Clock.GetUtcNow().UtcDateTime });
            }
        }

        await db.SaveChangesAsync();
        return await Summaries.RefreshStaleAsync(db, s.GetRequiredService<StoredSchemes>(), host.Clock.GetUtcNow().UtcDateTime);
    });

    private static string Shown(OversightCounty c) =>
        string.Join("|", c.Code, c.Name, c.Parent, c.State, c.StateText, c.EvaluationId, c.Deadline?.Describe(), c.Score, c.Verified,
            c.Summary is { } s ? $"{s.RequiredFilled}/{s.Required} {s.OptionalFilled}/{s.Optional} w{s.Warnings} {string.Join(",", s.FailingCodes)}" : "—");
}

public sealed class SqliteOversightPageTests(SqliteApplicationHost host) : OversightPageTests<SqliteApplicationHost>(host);

public sealed class PostgresOversightPageTests(PostgresApplicationHost host) : OversightPageTests<PostgresApplicationHost>(host);
