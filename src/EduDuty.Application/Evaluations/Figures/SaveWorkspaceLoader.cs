using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Figures;

/// <summary>
/// What a save of an area needs before it writes (issue 28): the evaluation's header in the actor's scope (null otherwise: 404),
/// its scheme, its state and deadline — one query, where the page's <see cref="WorkspaceLoader"/> reads four. The figures and
/// the text are read once, inside the claim, by <see cref="FigureWriter"/>; a save that is not done (invalid, a conflict, refused)
/// shows the page again from the full workspace. The workspace answered here therefore holds no figures, texts or names: it is
/// for <see cref="SaveArea.HandleAsync"/> and the writer only, never for a page to render.
/// </summary>
public sealed class SaveWorkspaceLoader(EduDutyDbContext db, StoredSchemes schemes, TimeProvider clock)
{
    private static readonly IReadOnlyDictionary<string, string> NoNames = new Dictionary<string, string>(StringComparer.Ordinal);

    // The rules on no figures, once per scheme (the scheme cache hands out one instance per stored scheme text): the result is
    // immutable, and a save never reads it — it judges the figures inside the claim.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Scheme, EvaluationResult> Empty = new();

    public async Task<Workspace?> LoadAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        var header = await EvaluationClaim.Headers(db).Under(e => e.CountyPath, actor.RegionPath).Where(e => e.Id == id).SingleOrDefaultAsync(cancellationToken);
        if (header is null) return null;

        var scheme = await schemes.GetAsync(db, header.SchemeId, header.SchemeHash, cancellationToken);
        // Editing is decided on the state and the deadline; the missing figures only decide submitting, never done here.
        return WorkspaceLoader.Assemble(header, scheme, [], [], NoNames, actor, clock,
            known: Empty.GetValue(scheme, s => RuleEngine.For(s).Evaluate(new Dictionary<string, Core.Figures.FieldValue>(StringComparer.Ordinal))),
            missingDecided: false);
    }
}
