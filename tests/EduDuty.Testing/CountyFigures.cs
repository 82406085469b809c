using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Figures;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Testing;

/// <summary>
/// Figures a test needs, entered as a county user enters them: the county's import of a figures file
/// (<see cref="ImportFigures"/>), so that they go through the guarded write path with their audit entries and the
/// evaluation's summary, as in production — never rows added behind the portal's back.
/// </summary>
public static class CountyFigures
{
    /// <summary>
    /// Imports <paramref name="figures"/> into the evaluation as <paramref name="userName"/> (a county user of it, while it may
    /// edit); figures not given stay as they are. Throws when the import is not done.
    /// </summary>
    public static async Task ImportAsync(IServiceProvider services, int evaluationId, string userName, IReadOnlyDictionary<string, FieldValue> figures)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var actor = await ActorAsync(provider.GetRequiredService<EduDutyDbContext>(), userName);
        var workspace = await provider.GetRequiredService<WorkspaceLoader>().LoadAsync(evaluationId, actor, CancellationToken.None)
            ?? throw new InvalidOperationException($"Evaluation {evaluationId} is not in {userName}'s region.");
        var plan = ImportFigures.Plan(workspace, FiguresFile.Write(workspace.Scheme, workspace.County, workspace.Year, figures));
        if (plan is not { IsDone: true, Value: { } planned }) throw new InvalidOperationException($"Figures not importable ({plan.Kind}): {plan.Refusal}");
        var outcome = await provider.GetRequiredService<ImportFigures>().ApplyAsync(
            workspace, planned, planned.Changes.ToDictionary(c => c.Field.Code, c => c.Version), ImportFormat.Json, actor, CancellationToken.None);
        if (!outcome.IsDone) throw new InvalidOperationException($"Figures not imported ({outcome.Kind}): {outcome.Refusal}");
    }

    /// <summary>
    /// Submits the evaluation as <paramref name="leadUserName"/> through the review step, every question answered yes, so the
    /// edition is frozen as in the portal (a status set behind the portal's back leaves an evaluation with no edition, which
    /// only a database from before editions has). Throws when the submission is refused.
    /// </summary>
    public static async Task SubmitAsync(IServiceProvider services, int evaluationId, string leadUserName)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var lead = await ActorAsync(provider.GetRequiredService<EduDutyDbContext>(), leadUserName);
        var workspace = await provider.GetRequiredService<WorkspaceLoader>().LoadAsync(evaluationId, lead, CancellationToken.None)
            ?? throw new InvalidOperationException($"Evaluation {evaluationId} is not in {leadUserName}'s region.");
        var submitted = await provider.GetRequiredService<Application.Evaluations.Review.ReviewTransitions>()
            .SubmitAsync(workspace, lead, new Application.Evaluations.Review.SubmitAnswers(true, true, true)
            {
                // Departments not accepted (issue 30: 闻喜县's demo 财政局 and 人社局) are one more question answered yes.
                DepartmentsConfirmed = true, DepartmentsReason = "部门数据已线下核对",
            }, CancellationToken.None);
        if (!submitted.IsDone) throw new InvalidOperationException($"Not submitted ({submitted.Kind}): {submitted.Refusal}");
    }

    /// <summary>A user as the use cases take them: their roles and region.</summary>
    public static async Task<Actor> ActorAsync(EduDutyDbContext db, string userName)
    {
        var user = await db.Users.Include(u => u.Region).SingleAsync(u => u.UserName == userName);
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        return new Actor(user.Id, user.DisplayName, roles, user.Region.Path);
    }
}
