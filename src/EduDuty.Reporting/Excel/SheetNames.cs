namespace EduDuty.Reporting.Excel;

/// <summary>Sheet names as Excel allows them: at most 31 characters, none of []:*?/\, not blank, unique in a workbook.</summary>
public static class SheetNames
{
    public const int MaxLength = 31;

    public static string Clean(string name)
    {
        var cleaned = new string(name.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || Core.Text.PlainText.IsForbidden(c, multiLine: false) ? '_' : c).ToArray()).Trim('\'', ' ');
        if (cleaned.Length == 0) cleaned = "Sheet";
        return cleaned.Length > MaxLength ? cleaned[..MaxLength] : cleaned;
    }
}
