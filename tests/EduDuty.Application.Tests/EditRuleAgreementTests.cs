using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// The edit rule is written twice by necessity: in Core (<see cref="EvaluationPolicy.Edit"/>, what pages show and
/// refuse) and in SQL (<see cref="EditClaim"/>, what the database lets through inside the write's transaction). This runs
/// every state × year deadline × county extension × role through both and requires them to agree.
/// </summary>
public abstract class EditRuleAgreementTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    public enum When { None, Past, Today, Future }

    [Fact]
    public async Task Core_and_the_database_claim_agree_for_every_state_deadline_extension_and_role()
    {
        var today = ChinaTime.Today(host.Clock);
        var (id, schemeId, wenxi, yuncheng, shanxi, zezhou) = await host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            var evaluation = await db.Evaluations.Where(e => e.County.Code == "140823").Select(e => new { e.Id, e.SchemeId }).SingleAsync();
            var paths = await db.Regions.ToDictionaryAsync(r => r.Code, r => r.Path);
            return (evaluation.Id, evaluation.SchemeId, paths["140823"], paths["140800"], paths["140000"], paths["140525"]);
        });
        Actor[] actors =
        [
            new("official", "填报员", [Roles.CountyOfficial], wenxi),
            new("lead", "负责人", [Roles.CountyLead], wenxi),
            new("supervisor", "督导", [Roles.Supervisor], yuncheng),
            new("admin", "管理员", [Roles.Admin], shanxi),
            new("foreign", "他县填报员", [Roles.CountyOfficial], zezhou),
        ];

        var disagreements = new List<string>();
        var allowed = 0;
        var cases = 0;
        foreach (var status in Enum.GetValues<EvaluationStatus>())
        foreach (var deadline in Enum.GetValues<When>())
        foreach (var extension in Enum.GetValues<When>())
        {
            var due = Day(deadline, today);
            var extendedTo = Day(extension, today);
            await SetAsync(id, schemeId, status, due, extendedTo);
            var facts = new EvaluationFacts(status, DeadlineState.Of(status, due, extendedTo, today));
            foreach (var actor in actors)
            {
                var core = EvaluationPolicy.Edit(facts, actor.ViewerOf(wenxi)).Allowed;
                var claimed = await ClaimAsync(id, actor);
                cases++;
                if (core) allowed++;
                if (core != claimed) disagreements.Add($"{status} deadline {deadline} extension {extension} {actor.Id}: Core {(core ? "allows" : "refuses")}, database {(claimed ? "allows" : "refuses")}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.Equal(4 * 4 * 4 * actors.Length, cases);
        // Only the two county users of the county may write: returned always (32 cases), drafts on time (2 × 13 of 16).
        Assert.Equal(2 * 16 + 2 * 13, allowed);
    }

    private static DateOnly? Day(When when, DateOnly today) => when switch
    {
        When.Past => today.AddDays(-5),
        When.Today => today,
        When.Future => today.AddDays(5),
        _ => null,
    };

    private Task<int> SetAsync(int id, int schemeId, EvaluationStatus status, DateOnly? due, DateOnly? extendedTo) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        await db.Deadlines.ExecuteDeleteAsync();
        var shanxi = await db.Regions.Where(r => r.Code == "140000").Select(r => r.Id).SingleAsync();
        if (due is { } d) db.Deadlines.Add(new EvaluationDeadline { SchemeId = schemeId, Year = 2021, RegionId = shanxi, DueDate = d });
        await db.SaveChangesAsync();
        return await db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, status).SetProperty(e => e.ExtendedTo, extendedTo));
    });

    // The claim as the writer makes it, in a transaction that is rolled back: the data stay as set up.
    private Task<bool> ClaimAsync(int id, Actor actor) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var claimed = await EditClaim.ClaimAsync(db, id, actor, host.Clock.GetUtcNow(), default);
        await transaction.RollbackAsync();
        return claimed;
    });
}

public sealed class SqliteEditRuleAgreementTests(SqliteApplicationHost host) : EditRuleAgreementTests<SqliteApplicationHost>(host);

public sealed class PostgresEditRuleAgreementTests(PostgresApplicationHost host) : EditRuleAgreementTests<PostgresApplicationHost>(host);
