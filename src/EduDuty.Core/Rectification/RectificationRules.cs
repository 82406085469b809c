using EduDuty.Core.Text;

namespace EduDuty.Core.Rectification;

/// <summary>A task to be made when an evaluation is approved: the problem as the report printed it and its planned measures.</summary>
public sealed record PlannedTask(string Problem, string? Measures, IReadOnlyList<string> Codes, RectificationSource Source);

/// <summary>What a county changes on a task: its responsible unit, due date, status (with a reason when it cannot be done) and a progress note.</summary>
public sealed record TaskUpdate(string? ResponsibleUnit, DateOnly? DueDate, RectificationStatus Status, string? Reason, string? Note);

/// <summary>
/// The rules of rectification (issue 16): which tasks an approval makes, and what an update must say. Every problem item of the
/// approved report becomes a task — the county's own and the automatic ones for failing indicators — and each line of the
/// supervisor's 整改意见 another.
/// </summary>
public static class RectificationRules
{
    public const int MaxText = 2000;
    public const int MaxUnit = 100;
    public const int MaxRequirements = 50;

    public static IReadOnlyList<PlannedTask> OnApproval(IEnumerable<(string Heading, string Measures, IReadOnlyList<string> Codes, bool Automatic)> problems, string? requirements) =>
        problems.Select(p => new PlannedTask(Trimmed(p.Heading, MaxText)!, Trimmed(p.Measures, MaxText), p.Codes, p.Automatic ? RectificationSource.Automatic : RectificationSource.County))
            .Concat(Lines(requirements).Select(line => new PlannedTask(line, null, [], RectificationSource.Supervisor)))
            .ToList();

    /// <summary>The supervisor's 整改意见, one requirement per line; null when acceptable, else what to change.</summary>
    public static string? CheckRequirements(string? requirements)
    {
        var lines = Lines(requirements).ToList();
        if (lines.Count > MaxRequirements) return $"整改意见最多 {MaxRequirements} 条（每行一条），请合并后重新提交。";
        if (lines.Any(l => l.Length > MaxText)) return $"每条整改意见最多 {MaxText} 个字符，请精简。";
        if (PlainText.HasControlCharacters(requirements)) return "整改意见中含有不可见的控制字符，请删除后重新提交。";
        return null;
    }

    /// <summary>Tasks are the county's to carry out and report on: its officials and lead update them; supervisors read them.</summary>
    public static Messaging.Message? MayUpdate(Review.Viewer viewer) =>
        !viewer.InScope ? Messaging.Messages.TaskOutOfScope
        : viewer.IsCountyUser ? null
        : Messaging.Messages.OnlyCountyUpdatesTasks;

    /// <summary>Null when the update may be saved; else the reason, naming the field.</summary>
    public static string? Check(TaskUpdate update)
    {
        if (update.ResponsibleUnit is { Length: > MaxUnit }) return $"责任单位最多 {MaxUnit} 个字符。";
        if (update.Status == RectificationStatus.CannotComplete && string.IsNullOrWhiteSpace(update.Reason)) return "状态为“无法完成”时，请填写无法完成的原因。";
        if (update.Reason is { Length: > MaxText } || update.Note is { Length: > MaxText }) return $"原因和进展说明各最多 {MaxText} 个字符。";
        if (!PlainText.IsSingleLine(update.ResponsibleUnit ?? "") || PlainText.HasControlCharacters(update.Reason) || PlainText.HasControlCharacters(update.Note))
            return "内容中含有不可见的控制字符，请删除后重新保存。";
        if (update.DueDate is { Year: < 2000 or > 2100 }) return "完成时限应在 2000 年至 2100 年之间。";
        return null;
    }

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    private static string? Trimmed(string? text, int max) => string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var t && t.Length > max ? t[..max] : text.Trim();
}
