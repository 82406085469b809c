using System.Globalization;
using EduDuty.Core.Reports;
using EduDuty.Core.Text;
using EduDuty.Core.Texts;

namespace EduDuty.Core.Rectification;

/// <summary>A task of last year as this year's report tells it, with the titles of the evidence attached to it.</summary>
public sealed record RectificationItem(
    string Problem, string? Measures, string? ResponsibleUnit, DateOnly? DueDate, RectificationStatus Status, string? Reason, string? LatestNote,
    IReadOnlyList<string>? Evidence = null);

/// <summary>
/// The section "上年度问题整改情况" of a county's report, generated from last year's tasks: a lead paragraph the county may rewrite
/// with live counts — <c>{tasks}</c>, <c>{done}</c>, <c>{in_progress}</c>, <c>{not_started}</c>, <c>{cannot_complete}</c>,
/// <c>{overdue}</c> — then one item per task with its state, unit, due date, measures and latest progress.
/// </summary>
public static class RectificationSection
{
    public const string Heading = "上年度问题整改情况";

    public const string DefaultLead = "上年度评价发现问题{tasks}项，已完成整改{done}项，正在整改{in_progress}项，尚未开始{not_started}项，无法完成{cannot_complete}项。";

    public static readonly IReadOnlyList<string> Keys = ["tasks", "done", "in_progress", "not_started", "cannot_complete", "overdue"];

    /// <summary>The errors of a lead text the county wrote (unknown placeholders, unbalanced braces), for the save to refuse.</summary>
    public static IReadOnlyList<string> Check(string lead)
    {
        var (tokens, errors) = TemplateScanner.Scan(lead);
        return errors.Concat(tokens.Where(t => t.IsPlaceholder && !Keys.Contains(t.Text))
            .Select(t => $"占位符 “{{{t.Text}}}” 不可用，上年度问题整改情况中可用：{string.Join("、", Keys.Select(k => "{" + k + "}"))}")).ToList();
    }

    /// <summary>The lead with its counts filled in; a text that no longer checks prints as written.</summary>
    public static RenderedText Lead(string? lead, IReadOnlyList<RectificationItem> items, DateOnly today)
    {
        var text = string.IsNullOrWhiteSpace(lead) ? DefaultLead : lead;
        var (tokens, errors) = TemplateScanner.Scan(text);
        if (errors.Count > 0 || tokens.Any(t => t.IsPlaceholder && !Keys.Contains(t.Text))) return new RenderedText([new TextRun(text, TextRunKind.Literal, null)]);
        return new RenderedText(tokens.Select(t => t.IsPlaceholder ? Count(t.Text) : new TextRun(t.Text, TextRunKind.Literal, null)).ToList());

        TextRun Count(string key) => new((key switch
        {
            "tasks" => items.Count,
            "done" => items.Count(i => i.Status == RectificationStatus.Done),
            "in_progress" => items.Count(i => i.Status == RectificationStatus.InProgress),
            "not_started" => items.Count(i => i.Status == RectificationStatus.NotStarted),
            "cannot_complete" => items.Count(i => i.Status == RectificationStatus.CannotComplete),
            _ => items.Count(i => RectificationStatuses.IsOverdue(i.Status, i.DueDate, today)),
        }).ToString(CultureInfo.InvariantCulture), TextRunKind.Figure, null);
    }

    /// <summary>
    /// One task as a paragraph: "整改状态：已完成。责任单位：县教育局；完成时限：2022年6月30日。整改措施：…。最新进展：…。佐证材料：…、…。"
    /// </summary>
    public static string Describe(RectificationItem item)
    {
        var parts = new List<string> { $"整改状态：{item.Status.DisplayName()}" + (item.Status == RectificationStatus.CannotComplete && item.Reason is { } why ? $"，原因：{Sentence(why)}" : "") };
        var unit = new List<string>();
        if (item.ResponsibleUnit is { Length: > 0 } u) unit.Add($"责任单位：{u}");
        if (item.DueDate is { } due) unit.Add($"完成时限：{ChinaTime.Date(due)}");
        if (unit.Count > 0) parts.Add(string.Join("；", unit));
        if (item.Measures is { Length: > 0 } m) parts.Add($"整改措施：{Sentence(m)}");
        if (item.LatestNote is { Length: > 0 } n) parts.Add($"最新进展：{Sentence(n)}");
        if (item.Evidence is { Count: > 0 } files) parts.Add($"佐证材料：{string.Join("、", files.Select(Sentence))}");
        return string.Join("。", parts) + "。";
    }

    private static string Sentence(string text) => text.Trim().TrimEnd('。', '.', '；', ';');
}
