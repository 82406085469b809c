using System.Text;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Pages.Evaluations;

/// <summary>One line of an evaluation's history: a value change, a transition or a comment.</summary>
public sealed record TimelineEntry(DateTime AtUtc, string User, string Kind, string Target, string? Old, string? New, string Source);

/// <summary>Value changes, transitions and comments of one evaluation, newest first, as a page and as CSV.</summary>
public sealed class AuditTimeline(EduDutyDbContext db)
{
    public async Task<IReadOnlyList<TimelineEntry>> LoadAsync(Workspace.Workspace ws, CancellationToken cancellationToken)
    {
        var audits = await db.AuditEntries.AsNoTracking().Where(a => a.EvaluationId == ws.Id).ToListAsync(cancellationToken);
        var transitions = await db.EvaluationTransitions.AsNoTracking().Where(t => t.EvaluationId == ws.Id).ToListAsync(cancellationToken);
        var comments = await db.ReviewComments.AsNoTracking().Where(c => c.EvaluationId == ws.Id).ToListAsync(cancellationToken);

        string Name(string? target) => target is null ? "整体评价" : ws.Scheme.FindField(target)?.NameZh ?? ws.Scheme.FindArea(target)?.NameZh ?? target;
        string? Show(AuditEntry a, string? v) => a.Kind == AuditKind.Figure ? v switch { "true" => "是", "false" => "否", _ => v } : v;

        return audits.Select(a => (a.Id, Entry: new TimelineEntry(a.AtUtc, a.UserDisplayName,
                    a.Kind switch { AuditKind.Narrative => "文字修改", AuditKind.Report => "报告设置", _ => "数据修改" },
                    a.Kind == AuditKind.Report ? "报告设置" : $"{Name(a.Target)} {a.Target}", Show(a, a.OldValue), Show(a, a.NewValue), a.Source)))
            .Concat(transitions.Select(t => (t.Id, Entry: new TimelineEntry(t.AtUtc, $"{t.UserDisplayName}（{Roles.DisplayName(t.UserRole)}）", "流转",
                $"{ReviewWorkflow.DisplayName(t.Action)}：{t.From.DisplayName()} → {t.To.DisplayName()}", null, t.Reason, "审核"))))
            .Concat(comments.Select(c => (c.Id, Entry: new TimelineEntry(c.AtUtc, $"{c.AuthorDisplayName}（{Roles.DisplayName(c.AuthorRole)}）",
                c.IsReturnReason ? "退回理由" : c.ParentId is null ? "意见" : "回复", $"{Name(c.Target)} {c.Target}".Trim(), null, c.Text, "意见"))))
            .OrderByDescending(x => x.Entry.AtUtc).ThenByDescending(x => x.Id)
            .Select(x => x.Entry)
            .ToList();
    }

    /// <summary>UTF-8 with a byte-order mark, so that Excel opens the Chinese correctly; ISO times (China time, +08:00).</summary>
    public static byte[] ToCsv(IEnumerable<TimelineEntry> entries)
    {
        var csv = new StringBuilder();
        csv.Append("时间,操作人,类别,对象,原值,新值,方式\r\n");
        foreach (var e in entries)
        {
            var at = Core.Text.ChinaTime.FromUtc(e.AtUtc).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "+08:00";
            csv.AppendJoin(',', new[] { at, e.User, e.Kind, e.Target, e.Old, e.New, e.Source }.Select(Cell)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    // RFC 4180 quoting; a cell that a spreadsheet would read as a formula is prefixed with an apostrophe.
    private static string Cell(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
