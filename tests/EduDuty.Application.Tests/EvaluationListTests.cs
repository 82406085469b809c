using EduDuty.Application.Evaluations;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// The API's list of evaluations (issue 29) on the home page's listing: a year, a region within the reader's, a state, a
/// bounded page size; a region outside the reader's is not found. The six reference counties' 2021 evaluations of the seed.
/// </summary>
public abstract class EvaluationListTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_list_is_narrowed_by_year_region_and_state_and_bounded()
    {
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);
        var all = await ListAsync(supervisor, new EvaluationFilter(), 1, 50);
        Assert.True(all.IsDone, all.Refusal);
        Assert.NotEmpty(all.Value!.Items);
        Assert.All(all.Value.Items, i => Assert.StartsWith("1408", i.CountyCode));

        var wenxi = await ListAsync(supervisor, new EvaluationFilter(2021, "140823"), 1, 50);
        var item = Assert.Single(wenxi.Value!.Items);
        Assert.Equal(("闻喜县", 2021), (item.County, item.Year));

        var state = item.Status == EvaluationStatus.Approved ? EvaluationStatus.Draft : EvaluationStatus.Approved;
        Assert.Empty((await ListAsync(supervisor, new EvaluationFilter(2021, "140823", state), 1, 50)).Value!.Items);
        Assert.Single((await ListAsync(supervisor, new EvaluationFilter(2021, "140823", item.Status), 1, 50)).Value!.Items);

        // One a page: the total stays, the page holds one.
        var paged = await ListAsync(supervisor, new EvaluationFilter(), 2, 1);
        Assert.Equal((all.Value.Total, 1, 2), (paged.Value!.Total, paged.Value.Items.Count, paged.Value.Page));

        Assert.Equal(("pageSize", OutcomeKind.Invalid), ((await ListAsync(supervisor, new EvaluationFilter(), 1, 201)).Problems[0].Field, OutcomeKind.Invalid));
        Assert.Equal(OutcomeKind.Invalid, (await ListAsync(supervisor, new EvaluationFilter(), 1, 0)).Kind);

        // A county of another city is not in this supervisor's region: not found, as if it did not exist.
        var other = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Regions
            .Where(r => r.Level == Core.Regions.RegionLevel.County && !r.Code.StartsWith("1408")).Select(r => r.Code).FirstAsync());
        Assert.Equal(OutcomeKind.NotFound, (await ListAsync(supervisor, new EvaluationFilter(2021, other), 1, 50)).Kind);
    }

    private Task<Outcome<Paged<EvaluationRow>>> ListAsync(Actor actor, EvaluationFilter filter, int page, int size) =>
        _host.WithScopeAsync(s => s.GetRequiredService<EvaluationList>().HandleAsync(actor, filter, page, size, default));

    private Task<Actor> ActorAsync(string userName, string role) => _host.WithScopeAsync(async s =>
    {
        var user = await s.GetRequiredService<EduDutyDbContext>().Users.Include(u => u.Region).SingleAsync(u => u.UserName == userName);
        return new Actor(user.Id, user.DisplayName, [role], user.Region.Path);
    });
}

public sealed class SqliteEvaluationListTests : EvaluationListTests<SqliteApplicationHost>;

public sealed class PostgresEvaluationListTests : EvaluationListTests<PostgresApplicationHost>;
