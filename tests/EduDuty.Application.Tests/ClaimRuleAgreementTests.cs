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
/// Every rule that decides a write to one evaluation is written twice by necessity: in Core (<see cref="EvaluationPolicy"/>,
/// what pages show and refuse) and in SQL (<see cref="EvaluationClaim"/>, what the database lets through inside the write's
/// transaction). This runs every action × state × year deadline × county extension × role through both and requires them
/// to agree: the county's edits and submission, the supervisor's return, approval, verdicts on evidence and score
/// decisions, the admin's reopening and carrying last year's figures into a draft.
/// </summary>
public abstract class ClaimRuleAgreementTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    public enum When { None, Past, Today, Future }

    private static readonly EvaluationAction[] Claimed =
    [
        EvaluationAction.Edit, EvaluationAction.Submit, EvaluationAction.Return, EvaluationAction.Approve, EvaluationAction.Reopen,
        EvaluationAction.JudgeEvidence, EvaluationAction.VerifyScore, EvaluationAction.CarryForward,
        EvaluationAction.DepartmentEdit, EvaluationAction.DepartmentSubmit, EvaluationAction.DepartmentReview, EvaluationAction.SurveyFill,
    ];

    [Fact]
    public async Task Core_and_the_database_claim_agree_for_every_action_state_deadline_extension_and_role()
    {
        var today = ChinaTime.Today(host.Clock);
        var (id, schemeId, paths) = await host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            var evaluation = await db.Evaluations.Where(e => e.County.Code == "140823").Select(e => new { e.Id, e.SchemeId }).SingleAsync();
            return (evaluation.Id, evaluation.SchemeId, await db.Regions.ToDictionaryAsync(r => r.Code, r => r.Path));
        });
        var wenxi = paths["140823"];
        Actor[] actors =
        [
            new("official", "填报员", [Roles.CountyOfficial], wenxi),
            new("lead", "负责人", [Roles.CountyLead], wenxi),
            new("supervisor", "督导", [Roles.Supervisor], paths["140800"]),
            new("admin", "管理员", [Roles.Admin], paths["140000"]),
            new("foreign", "他县填报员", [Roles.CountyOfficial], paths["140525"]),
            new("foreign-supervisor", "他市督导", [Roles.Supervisor], paths["140500"]),
            // A department user of the county (issue 30), one of another county, and one whose account lacks its department.
            new("department", "财政局填报员", [Roles.DepartmentOfficial], wenxi) { DepartmentId = 1, DepartmentName = "财政局" },
            new("foreign-department", "他县财政局填报员", [Roles.DepartmentOfficial], paths["140525"]) { DepartmentId = 2, DepartmentName = "财政局" },
            new("no-department", "无部门填报员", [Roles.DepartmentOfficial], wenxi),
        ];

        var disagreements = new List<string>();
        var allowed = Claimed.ToDictionary(a => a, _ => 0);
        var cases = 0;
        foreach (var status in Enum.GetValues<EvaluationStatus>())
        foreach (var deadline in Enum.GetValues<When>())
        foreach (var extension in Enum.GetValues<When>())
        {
            var due = Day(deadline, today);
            var extendedTo = Day(extension, today);
            await SetAsync(id, schemeId, status, due, extendedTo);
            var facts = new EvaluationFacts(status, DeadlineState.Of(status, due, extendedTo, today));
            // The claims as the writers make them, in one transaction that is rolled back: a claim changes only the row's
            // UpdatedAtUtc, which no rule reads, so each sees the state as set up; and the data stay so.
            await host.WithScopeAsync(async s =>
            {
                var db = s.GetRequiredService<EduDutyDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                foreach (var action in Claimed)
                foreach (var actor in actors)
                {
                    var core = EvaluationPolicy.Decide(action, facts, actor.ViewerOf(wenxi)).Allowed;
                    var claimed = await EvaluationClaim.ClaimAsync(db, action, id, actor, host.Clock.GetUtcNow(), default);
                    cases++;
                    if (core) allowed[action]++;
                    if (core != claimed)
                        disagreements.Add($"{action} {status} deadline {deadline} extension {extension} {actor.Id}: Core {(core ? "allows" : "refuses")}, database {(claimed ? "allows" : "refuses")}");
                }

                await transaction.RollbackAsync();
                return 0;
            });
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.Equal(4 * 4 * 4 * actors.Length * Claimed.Length, cases);
        Assert.Equal(new Dictionary<EvaluationAction, int>
        {
            // The two county users of the county: returned always (16 deadline cases), drafts on time (13 of 16).
            [EvaluationAction.Edit] = 2 * 16 + 2 * 13,
            // The lead alone, in the same states (the required figures are checked inside the transition's claim).
            [EvaluationAction.Submit] = 16 + 13,
            // The supervisor of the city, while it is submitted, whatever the deadline; the other city's supervisor never.
            [EvaluationAction.Return] = 16,
            [EvaluationAction.Approve] = 16,
            [EvaluationAction.JudgeEvidence] = 16,
            [EvaluationAction.VerifyScore] = 16,
            // The province's admin: reopening an approved one, carrying into a draft.
            [EvaluationAction.Reopen] = 16,
            [EvaluationAction.CarryForward] = 16,
            // The county's department user with a department, in the county's editable states (issue 30); the county's two
            // users review its part in the same states.
            [EvaluationAction.DepartmentEdit] = 16 + 13,
            [EvaluationAction.DepartmentSubmit] = 16 + 13,
            [EvaluationAction.DepartmentReview] = 2 * 16 + 2 * 13,
            // The province's admin writing a closed survey's results (issue 31): draft, returned and submitted, never approved.
            [EvaluationAction.SurveyFill] = 3 * 16,
        }, allowed);
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
}

public sealed class SqliteClaimRuleAgreementTests(SqliteApplicationHost host) : ClaimRuleAgreementTests<SqliteApplicationHost>(host);

public sealed class PostgresClaimRuleAgreementTests(PostgresApplicationHost host) : ClaimRuleAgreementTests<PostgresApplicationHost>(host);
