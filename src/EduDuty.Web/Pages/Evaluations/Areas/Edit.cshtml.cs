using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Comments;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Application.Evaluations.Review;
using EduDuty.Application.Evidence;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Evaluations.Areas;

/// <summary>
/// One area's figures and text. The page's surroundings (return reasons, threads, evidence, last year) are one query
/// (<see cref="AreaPageQuery"/>), read only when the page renders; the live preview reads the workspace alone.
/// </summary>
[HandlerBodyLimit("Field", FieldBodyLimit, FieldValueCountLimit)]
public sealed class EditModel(WorkspaceLoader loader, AreaPageQuery around, CurrentUser user)
    : EvaluationPageModel(loader, user)
{
    [BindProperty]
    public AreaForm Form { get; set; } = new();

    public AreaView View { get; private set; } = null!;

    /// <summary>The county's last year (approved or submitted), for the values beside this year's and the carried values' links.</summary>
    public LastYear? LastYear { get; private set; }

    public IReadOnlyList<Conflict> Conflicts { get; private set; } = [];

    /// <summary>Reasons of the latest return, by field code or area key.</summary>
    public ILookup<string, ReviewComment> ReturnReasons { get; private set; } = Array.Empty<ReviewComment>().ToLookup(c => c.Target ?? string.Empty);

    /// <summary>Why the save was refused (locked, late, not the user's to change), in the rules' words.</summary>
    public string? Refusal { get; private set; }

    /// <summary>
    /// The message after a save. Read by GET only: a [TempData] property would be loaded, and so consumed, by the live
    /// preview requests too, which can land between the save's redirect and the page that should show it.
    /// </summary>
    public string? Saved { get; private set; }

    private const string SavedKey = "AreaSaved";

    /// <summary>
    /// The most one autosave may carry (issue 27): the area text at its longest (20,000 characters, each up to nine bytes
    /// URL-encoded), its base and the antiforgery token, with room to spare; and the few values of one target.
    /// </summary>
    public const long FieldBodyLimit = 512 * 1024;

    public const int FieldValueCountLimit = 16;

    /// <summary>"只看未填": only the required inputs still empty are shown (<c>?missing=1</c>, the to-do list's links).</summary>
    [BindProperty(SupportsGet = true, Name = "missing")]
    [Display(Name = "未填写的指标")]
    public string? Missing { get; set; }

    public bool MissingOnly => Missing is "1" or "true";

    /// <summary>
    /// The fields edited on the page before this save (sent by area.js; autosaved ones included): with "只看未填" they stay on
    /// screen after a refused save, with everything typed in the attempt (issue 27).
    /// </summary>
    [BindProperty(Name = "typed")]
    [Display(Name = "本次填写的指标")]
    public List<string> Typed { get; set; } = [];

    public bool ShowsRow(AreaRow row, bool required) => !MissingOnly || row.ShownWhenMissingOnly(required) || (Unsaved && Typed.Contains(row.Field.Code));

    /// <summary>The page shows values that were typed but not saved (a refused, invalid or conflicting save): leaving warns.</summary>
    public bool Unsaved { get; private set; }

    /// <summary>Evidence per indicator of this area (佐证 beside each row).</summary>
    public IReadOnlyDictionary<string, FieldEvidence> Evidence { get; private set; } = new Dictionary<string, FieldEvidence>();

    /// <summary>The required inputs of the scheme (marked 必填).</summary>
    public IReadOnlySet<string> Required { get; private set; } = new HashSet<string>();

    private ILookup<string, CommentThread> _threads = Array.Empty<CommentThread>().ToLookup(t => string.Empty);

    private readonly List<CommentLink> _commentLinks = [];

    /// <summary>The comment controls rendered on this page, whose forms go after the area form (forms cannot nest).</summary>
    public IReadOnlyList<CommentLink> CommentLinks => _commentLinks;

    public int OpenThreads(string target) => _threads[target].Count(t => t.IsOpen);

    public CommentLink CommentOn(string target, string name, string returnUrl)
    {
        var link = new CommentLink(Workspace.Id, target, name, OpenThreads(target), returnUrl);
        _commentLinks.Add(link);
        return link;
    }

    public async Task<IActionResult> OnGetAsync(int id, [Display(Name = "领域")] string key, CancellationToken cancellationToken)
    {
        if (await around.PageAsync(id, key, Actor, cancellationToken) is not var (workspace, view)) return NotFound();
        Use(workspace);
        Required = RequiredFields.Of(Workspace.Scheme).Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        if (Workspace.Scheme.FindArea(key) is not { } area) return NotFound();
        (ReturnReasons, _threads, Evidence, LastYear) = (view.ReturnReasons, view.Threads, view.Evidence, view.LastYear);
        View = AreaView.Build(Workspace, area, lastYear: LastYear);
        Saved = TempData[SavedKey] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        int id, [Display(Name = "领域")] string key, [FromServices] SaveArea save, [FromServices] SaveWorkspaceLoader saving, CancellationToken cancellationToken)
    {
        // The save reads the evaluation's header only: its figures are read once, inside the write (issue 28). The page, when
        // it is shown again, reads everything as a GET does.
        if (await saving.LoadAsync(id, Actor, cancellationToken) is not { } target || target.Scheme.FindArea(key) is not { } saved) return NotFound();

        var outcome = await save.HandleAsync(target, saved, Form, Actor, cancellationToken);
        if (outcome.IsDone)
        {
            TempData[SavedKey] = outcome.Note;
            return RedirectToPage(new { id, key });
        }

        // Not saved: the page again with what was typed, the reason or the problems, and the outcome's status.
        if (await LoadAsync(id, key, cancellationToken) is not { } area) return NotFound();
        await AroundAsync(area, cancellationToken);
        Unsaved = true;
        var refusal = this.Answer(outcome);
        switch (outcome.Kind)
        {
            case OutcomeKind.Invalid:
                var errors = outcome.Problems.ToDictionary(p => p.Field, p => p.Text, StringComparer.Ordinal);
                foreach (var (code, message) in errors)
                {
                    ModelState.AddModelError(code == SaveArea.NarrativeKey ? "Form.Narrative" : $"Form.Values[{code}]", message);
                }

                View = AreaView.Build(Workspace, area, Form, errors, SaveArea.Preview(Workspace, area, Form).Result, LastYear);
                return Page();
            case OutcomeKind.Conflict when outcome.Conflicts.Count > 0:
                Conflicts = outcome.Conflicts;
                RebaseOnConflicts();
                break;
            default:
                Refusal = refusal;
                break;
        }

        View = AreaView.Build(Workspace, area, Form, lastYear: LastYear);
        return Page();
    }

    /// <summary>
    /// Autosave (issue 27): one figure when its field is left, or the area's text while it is typed, through the same guarded
    /// write as the area's save (<see cref="AutosaveField"/>). Answers JSON with the outcome's status: done with the stored value
    /// and its new version; a conflict with the colleague's value, who and when; invalid or refused with the reason. An ended
    /// session never reaches here: the script's requests are answered 401 by the sign-in cookie, and the script keeps what was typed.
    /// </summary>
    public async Task<IActionResult> OnPostFieldAsync(int id, [Display(Name = "领域")] string key, [FromServices] AutosaveField autosave, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, key, cancellationToken) is not { } area) return NotFound();

        var outcome = await autosave.HandleAsync(Workspace, area, Form, Actor, cancellationToken);
        return FieldAnswers.Autosave(this, outcome, Workspace.Scheme);
    }

    /// <summary>Recomputes the area with what is typed so far: the page calls this while the user types.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int id, [Display(Name = "领域")] string key, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, key, cancellationToken) is not { } area) return NotFound();

        var (result, errors) = SaveArea.Preview(Workspace, area, Form);
        return new JsonResult(new
        {
            results = FieldAnswers.Results(result, result.InArea(area.Key).Select(r => r.Field)),
            errors,
            // The plausibility rules on what is typed (issue 26): hard ones will refuse the save, soft ones ask to check.
            plausibility = FieldAnswers.Plausibility(AreaView.PlausibilityOf(result, area)),
            // The counts in the header, the area's line and its entry in the area list, as they stand with what is typed (and
            // autosaved as each field is left): without them the page said 已填 0 项 until a reload (issue 27 walk).
            counts = CountsOf(result, area.Key),
        });
    }

    private static object CountsOf(EvaluationResult result, string areaKey)
    {
        var completeness = Completeness.Of(result);
        var here = completeness[areaKey];
        return new
        {
            area = Completeness.Describe(here) + "。",
            total = completeness.Describe(),
            nav = here.Required == 0 ? "—" : $"{here.RequiredFilled}/{here.Required}",
        };
    }

    // After a conflict the user's values stay on screen, now based on the current versions: saving again is a
    // deliberate overwrite, leaving the page keeps the other person's values.
    private void RebaseOnConflicts()
    {
        foreach (var conflict in Conflicts)
        {
            if (Workspace.Scheme.FindArea(conflict.Target) is not null)
            {
                Form.NarrativeBase = conflict.TheirValue ?? string.Empty;
                Form.NarrativeVersion = conflict.CurrentVersion;
                continue;
            }

            if (Workspace.Scheme.FindField(conflict.Target) is null) continue;
            Form.Base[conflict.Target] = conflict.TheirValue;
            Form.Versions[conflict.Target] = conflict.CurrentVersion;
        }
    }

    private async Task<SchemeArea?> LoadAsync(int id, [Display(Name = "领域")] string key, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return null;
        Required = RequiredFields.Of(Workspace.Scheme).Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        return Workspace.Scheme.FindArea(key);
    }

    private async Task AroundAsync(SchemeArea area, CancellationToken cancellationToken)
    {
        var view = await around.HandleAsync(Workspace, area.Key, cancellationToken);
        (ReturnReasons, _threads, Evidence, LastYear) = (view.ReturnReasons, view.Threads, view.Evidence, view.LastYear);
    }
}
