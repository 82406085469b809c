namespace EduDuty.Data.Entities;

/// <summary>
/// How a change came in, as the audit shows it. Stored as its Chinese text (<see cref="AuditSources.Text"/>), which is also
/// what the audit chain hashes, so entries written before this type existed read and verify unchanged.
/// </summary>
public enum AuditSource
{
    /// <summary>表单: a county user's page (an area, the report's settings, a bonus application, evidence renamed or removed).</summary>
    Form = 1,

    /// <summary>导入: a figures file (JSON or CSV).</summary>
    Import,

    /// <summary>Excel: the county workbook filled in and uploaded.</summary>
    Excel,

    /// <summary>报告页: a figure typed into the report's preview.</summary>
    ReportPage,

    /// <summary>上传: an evidence file uploaded.</summary>
    Upload,

    /// <summary>审核: a supervisor's verdict on evidence, decision on a bonus or adjustment of points.</summary>
    Review,

    /// <summary>上年带入: last year's figures taken into a draft when its year was opened.</summary>
    CarriedForward,

    /// <summary>整改任务: a rectification task updated, or a file attached to it or removed.</summary>
    Rectification,

    /// <summary>演示数据: the demo data of a development database.</summary>
    Demo,

    /// <summary>公示: the county's report published or a publication withdrawn (issue 25).</summary>
    Publication,

    /// <summary>接口: a write through the REST API (<c>/api/v1</c>, issue 29) with a token.</summary>
    Api,

    /// <summary>部门填报: a department user's change of its own fields, on its page or by its workbook (issue 30).</summary>
    Department,

    /// <summary>满意度调查: a scheme field filled from a survey's results when the survey closed (issue 31).</summary>
    Survey,
}

/// <summary>The one place the audit sources have their words.</summary>
public static class AuditSources
{
    /// <summary>Longest text a source may have: the column's length.</summary>
    public const int MaxLength = 16;

    private static readonly Dictionary<string, AuditSource> ByText = Enum.GetValues<AuditSource>().ToDictionary(Text, StringComparer.Ordinal);

    /// <summary>The source as the audit page, the exports and the stored column say it.</summary>
    public static string Text(this AuditSource source) => source switch
    {
        AuditSource.Form => "表单",
        AuditSource.Import => "导入",
        AuditSource.Excel => "Excel",
        AuditSource.ReportPage => "报告页",
        AuditSource.Upload => "上传",
        AuditSource.Review => "审核",
        AuditSource.CarriedForward => "上年带入",
        AuditSource.Rectification => "整改任务",
        AuditSource.Demo => "演示数据",
        AuditSource.Publication => "公示",
        AuditSource.Api => "接口",
        AuditSource.Department => "部门填报",
        AuditSource.Survey => "满意度调查",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    /// <summary>The source a stored text names; a text no source has is a damaged row, and says so.</summary>
    public static AuditSource Parse(string text) =>
        ByText.TryGetValue(text, out var source) ? source : throw new FormatException($"Unknown audit source \"{text}\" in AuditEntries.Source.");
}
