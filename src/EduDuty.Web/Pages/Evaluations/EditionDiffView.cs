using EduDuty.Application.Evaluations;
using EduDuty.Application.Reports.Editions;
using EduDuty.Core.Reports;

namespace EduDuty.Web.Pages.Evaluations;

/// <summary>What <c>_EditionDiff</c> shows: two editions' differences, with links into the evaluation they belong to.</summary>
public sealed record EditionDiffView(Workspace Workspace, EditionComparison Comparison)
{
    /// <summary>Changed places listed per text; beyond, the page says how many more there are.</summary>
    public const int MaxHunksPerText = 30;

    public EditionDiff Diff => Comparison.Diff;

    /// <summary>A figure's row on its area page; null when the scheme does not know the field.</summary>
    public string? FigureUrl(FigureChange change) =>
        change.Field is { } field ? Areas.AreaRow.UrlOf(Workspace.Id, field.AreaKey, field.Code) : null;

    /// <summary>Where a text is edited: the area's 工作情况 box, or the report page for a report setting.</summary>
    public string TextUrl(TextChange change) =>
        change.AreaKey is { } area ? $"/Evaluations/{Workspace.Id}/Areas/{area}#narrative" : $"/Evaluations/{Workspace.Id}/Report";

    public static string KindLabel(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "新填",
        ChangeKind.Removed => "清空",
        _ => "修改",
    };

    public static string KindLabel(EvidenceChangeKind kind) => kind switch
    {
        EvidenceChangeKind.Added => "新增",
        EvidenceChangeKind.Removed => "删除",
        EvidenceChangeKind.Replaced => "替换",
        _ => "改名",
    };

    public static string BadgeClass(EvidenceChangeKind kind) => kind switch
    {
        EvidenceChangeKind.Added => "text-bg-success",
        EvidenceChangeKind.Removed => "text-bg-danger",
        EvidenceChangeKind.Replaced => "text-bg-warning",
        _ => "text-bg-secondary",
    };
}
