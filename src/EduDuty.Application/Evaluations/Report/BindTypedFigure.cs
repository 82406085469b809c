using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Reports;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Evaluations.Report;

public enum BindStatus { Bound, Stale, Conflict, Refused }

public sealed record BindResult(BindStatus Status, string Message);

/// <summary>
/// Replaces a figure the county typed into an area's text ("增长62.93%") by the placeholder that binds it to the data
/// ("增长{A04.03}%"), as the report page offers (<see cref="TypedFigures"/>). Written like every text change: the area
/// text's version checked, through the guarded path, audited.
/// </summary>
public sealed class BindTypedFigure(FigureWriter writer)
{
    public async Task<BindResult> HandleAsync(Workspace workspace, string areaKey, int offset, string typed, Actor actor, CancellationToken cancellationToken)
    {
        if (!workspace.CanEdit) return new BindResult(BindStatus.Refused, workspace.Edit.Reason!);
        var area = workspace.Scheme.Areas.FirstOrDefault(a => a.Key == areaKey);
        var text = area is null ? null : workspace.NarrativeText(area);
        var figure = text is null
            ? null
            : TypedFigures.Find(workspace.Result, areaKey, text).FirstOrDefault(f => f.Offset == offset && f.Typed == typed);
        if (figure is null) return new BindResult(BindStatus.Stale, "这句话已修改或相关数据已填报，请查看下方最新的提示。");

        var bound = text![..offset] + figure.Replacement + text[(offset + typed.Length)..];
        var outcome = await writer.WriteAsync(workspace, actor, [], new NarrativeChange(areaKey, bound, workspace.NarrativeVersion(areaKey)), AuditSource.ReportPage, cancellationToken);
        if (outcome.Refused) return new BindResult(BindStatus.Refused, outcome.Refusal!);
        if (outcome.HasConflicts) return new BindResult(BindStatus.Conflict, "您打开本页后，这一部分的文字已被他人修改，本次没有保存。请查看下方最新的提示后再试。");
        return new BindResult(BindStatus.Bound, $"已将“{typed}”改为占位符 {figure.Replacement}：“{figure.Field.NameZh}”填报后，报告自动写入数值。");
    }
}
