using EduDuty.Application;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Evaluations.Areas;

/// <summary>
/// What area.js reads back from a page of figures (the area page, a department's page): the autosave's answer and the live
/// preview's, built here once so both pages answer alike.
/// </summary>
public static class FieldAnswers
{
    /// <summary>
    /// An autosave's answer, with the outcome's status: done with the stored value and its new version; a conflict with the
    /// colleague's value, who and when; invalid or refused with the reason.
    /// </summary>
    public static JsonResult Autosave(PageModel page, Outcome<FieldSaved> outcome, Scheme scheme)
    {
        var message = page.Answer(outcome);
        if (outcome is { IsDone: true, Value: { } saved })
        {
            return new JsonResult(new { status = "saved", target = saved.Target, value = saved.Value, version = saved.Version, note = outcome.Note ?? "已保存" });
        }

        // A version that moved under the claim itself ("*", logged by the writer) names nobody: answered with its sentence below.
        if (outcome.Kind == OutcomeKind.Conflict && outcome.Conflicts is [{ Target: not "*" } conflict, ..])
        {
            var field = scheme.FindField(conflict.Target);
            var theirs = field?.Kind == FieldKind.Bool ? conflict.TheirValue switch { "true" => "是", "false" => "否", var v => v } : conflict.TheirValue;
            return new JsonResult(new
            {
                status = "conflict",
                message = Core.Messaging.Messages.FieldChangedBy(conflict.TheirUser, ChinaTime.DateTimeOf(conflict.TheirAtUtc), theirs),
                conflict = new { target = conflict.Target, value = conflict.TheirValue, version = conflict.CurrentVersion, user = conflict.TheirUser },
            });
        }

        return new JsonResult(new
        {
            status = outcome.Kind == OutcomeKind.Invalid ? "invalid" : "refused",
            message,
            errors = outcome.Problems.Where(p => p.Field.Length > 0).GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Text),
        });
    }

    /// <summary>The live judgments of <paramref name="shown"/> on what is typed: value, badge, whether shown, reason.</summary>
    public static Dictionary<string, object> Results(EvaluationResult result, IEnumerable<SchemeField> shown) =>
        shown.Select(f => result[f.Code]).ToDictionary(r => r.Field.Code, r => (object)new
        {
            text = r.HasValue ? FieldDisplay.Value(r) : "—",
            label = r.Status.DisplayName(),
            css = FieldDisplay.BadgeClass(r.Status),
            shown = FieldDisplay.ShowsJudgment(r),
            reason = r.Reason,
        });

    /// <summary>The plausibility findings (issue 26) as the script draws them: hard ones will refuse the save, soft ones ask to check.</summary>
    public static IEnumerable<object> Plausibility(IEnumerable<DataWarning> warnings) =>
        warnings.Select(w => (object)new { field = w.Field.Code, hard = w.IsHard, text = w.Text });
}
