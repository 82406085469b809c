namespace EduDuty.Reporting.Excel;

/// <summary>
/// Where things are in a county workbook: the cover's labels and the area sheets' columns. The writer and the reader both
/// read them here, so that a workbook we wrote is always one we read.
/// </summary>
public static class CountyWorkbookLayout
{
    public const string CoverSheet = "封面";
    public const string CountyLabel = "县（市、区）";
    public const string CountyCodeLabel = "行政区划代码";
    public const string YearLabel = "年度";
    public const string SchemeLabel = "评价方案";
    public const string VersionLabel = "方案版本";

    /// <summary>On a department's workbook only: the department it was made for (issue 30).</summary>
    public const string DepartmentLabel = "填报部门";

    public const int Code = 1;
    public const int Name = 2;
    public const int Unit = 3;
    public const int LastYear = 4;
    public const int Value = 5;
    public const int Required = 6;
    public const int Help = 7;

    /// <summary>Hidden: the value as it was when the workbook was made, so that an upload changes only what was edited in it.</summary>
    public const int Original = 8;

    /// <summary>Hidden: the stored version of that value.</summary>
    public const int Version = 9;

    /// <summary>The change from last year's value to this year's as downloaded (after the hidden columns: the reader never reads it).</summary>
    public const int Change = 10;

    /// <summary>
    /// The department that enters the field (数据来源部门, issue 30): 教育局 for the county's own; after everything the reader
    /// reads, so an older workbook without it reads the same.
    /// </summary>
    public const int Department = 11;

    public const string DepartmentHeader = "数据来源部门";

    public const int HeaderRow = 3;
    public const string CodeHeader = "代码";
    public const string ValueHeader = "本年数值";
    public const string OriginalHeader = "下载时数值";
    public const string VersionHeader = "下载时版本";

    public static readonly IReadOnlyList<string> Headers =
        [CodeHeader, "指标", "单位", "上年数值", ValueHeader, "必填", "填写说明", OriginalHeader, VersionHeader, "较上年变化（下载时）", DepartmentHeader];
}
