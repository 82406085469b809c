using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Messaging;
using EduDuty.Data.Entities;
using EduDuty.Core.Reports;

namespace EduDuty.Application.Evaluations.Report;

/// <summary>
/// Replaces a figure the county typed into an area's text ("增长62.93%") by the placeholder that binds it to the data
/// ("增长{A04.03}%"), as the report page offers (<see cref="TypedFigures"/>). Written like every text change: the area
/// text's version checked, through the guarded path, audited.
/// </summary>
public sealed class BindTypedFigure(FigureWriter writer)
{
    /// <returns>Done with the sentence that tells what was bound; a conflict when the sentence or the text moved.</returns>
    public async Task<Outcome<string>> HandleAsync(Workspace workspace, string areaKey, int offset, string typed, Actor actor, CancellationToken cancellationToken)
    {
        if (!workspace.CanEdit) return Outcome.Refused(workspace.Edit.Refusal!);
        var area = workspace.Scheme.Areas.FirstOrDefault(a => a.Key == areaKey);
        var text = area is null ? null : workspace.NarrativeText(area);
        var figure = text is null
            ? null
            : TypedFigures.Find(workspace.Result, areaKey, text).FirstOrDefault(f => f.Offset == offset && f.Typed == typed);
        if (figure is null) return Outcome.Conflict(Messages.TypedFigureStale);

        var bound = text![..offset] + figure.Replacement + text[(offset + typed.Length)..];
        var outcome = await writer.WriteAsync(workspace, actor, [], new NarrativeChange(areaKey, bound, workspace.NarrativeVersion(areaKey)), AuditSource.ReportPage, cancellationToken);
        if (outcome.Kind == OutcomeKind.Conflict) return Outcome.Conflict(Messages.AreaTextMoved, outcome.Conflicts);
        if (!outcome.IsDone) return Outcome.Refused(outcome.Reason!);
        var told = $"已将“{typed}”改为占位符 {figure.Replacement}：“{figure.Field.NameZh}”填报后，报告自动写入数值。";
        return Outcome.Done(told, told);
    }
}
