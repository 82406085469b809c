using EduDuty.Core.Rectification;
using EduDuty.Core.Text;

namespace EduDuty.Core.Reports;

/// <summary>
/// The first-level headings of a county's report, numbered in order: 上年度问题整改情况 comes in as 三 only when last year's
/// tasks are told, and what follows moves down. The one numbering the report and the report page both print.
/// </summary>
public sealed record ReportSections(string Basic, string Work, string? Rectification, string Problems, string Plans)
{
    public static ReportSections Of(bool withRectification)
    {
        var n = 0;
        string Next(string title) => $"{ChineseNumerals.Of(++n)}、{title}";
        return new ReportSections(Next("基本情况"), Next("自查情况和工作成效"), withRectification ? Next(RectificationSection.Heading) : null,
            Next("存在问题和改进措施"), Next("下一步工作打算"));
    }
}
