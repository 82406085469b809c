using System.Text.RegularExpressions;
using EduDuty.Core.Text;

namespace EduDuty.Core.Surveys;

/// <summary>A field of the public problem-report form that is wrong, with the sentence that says how to correct it.</summary>
public sealed record ProblemFieldError(string Field, string Text);

/// <summary>
/// The rules of a problem report (问题线索, issue 31 part D) in one place: what the public form accepts, the reference a
/// reporter is given, and which of a supervisor's steps need a note (decision 0060).
/// </summary>
public static partial class ProblemReportRules
{
    /// <summary>The reference's letters: no 0/O, 1/I/L — easy to read aloud over the phone.</summary>
    public const string ReferenceAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>A reference's shape (12 letters of <see cref="ReferenceAlphabet"/>).</summary>
    public static bool IsReference(string? text) => text is { Length: 12 } && text.All(c => ReferenceAlphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>A public link's shape: 22 URL-safe characters (checked before any query).</summary>
    public static bool IsToken(string? token) => DoorTokens.IsWellFormed(token);

    /// <summary>A note on a step is required when the state becomes 不属实 or 已转办 (why it is untrue, or to whom it went).</summary>
    public static bool NoteRequired(ProblemStatus from, ProblemStatus to) => from != to && to is ProblemStatus.Unfounded or ProblemStatus.Referred;

    /// <summary>Checks the public form's fields; empty when it may be stored. Fields are trimmed by the caller.</summary>
    public static IReadOnlyList<ProblemFieldError> Check(string? category, string? text, string? contactName, string? contactPhone)
    {
        var errors = new List<ProblemFieldError>();
        if (string.IsNullOrWhiteSpace(category) || !ProblemReports.Categories.Contains(category))
            errors.Add(new("Category", "请选择“问题类别”（从列表中选一项；不属于任何一类的选“其他”）。"));
        if (string.IsNullOrWhiteSpace(text))
            errors.Add(new("Text", "请填写“问题描述”：发生了什么、在哪所学校或单位、大约什么时间。"));
        else if (text.Length > ProblemReports.MaxText)
            errors.Add(new("Text", $"“问题描述”最多 {ProblemReports.MaxText} 个字，现在有 {text.Length} 个字。请精简后再提交。"));
        // Control characters and direction marks (attacker review): a NUL cannot be stored in PostgreSQL text (the save failed
        // with a misleading message), and an override would show the supervisors a text other than the one stored.
        else if (PlainText.HasControlCharacters(text))
            errors.Add(new("Text", "“问题描述”中含有不可见的控制字符，请删除后重新输入（可以重新打字，不要从别处粘贴）。"));
        if (contactName is { Length: > ProblemReports.MaxContact })
            errors.Add(new("ContactName", $"“联系人”最多 {ProblemReports.MaxContact} 个字。可以只留姓氏或称呼。"));
        else if (!PlainText.IsSingleLine(contactName))
            errors.Add(new("ContactName", "“联系人”只能是一行文字，不能含换行或不可见的控制字符，请重新输入。"));
        if (contactPhone is { Length: > ProblemReports.MaxContact })
            errors.Add(new("ContactPhone", $"“联系电话”最多 {ProblemReports.MaxContact} 个字符。"));
        else if (!string.IsNullOrEmpty(contactPhone) && !PhoneShape().IsMatch(contactPhone))
            errors.Add(new("ContactPhone", "“联系电话”只能包含数字、空格、“+”和“-”，例如 0359-1234567 或 139 1234 5678。也可以不填。"));
        return errors;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{22}$")]
    private static partial Regex TokenShape();

    [GeneratedRegex("^[0-9 +-]*[0-9][0-9 +-]*$")]
    private static partial Regex PhoneShape();
}
