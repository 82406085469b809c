using EduDuty.Core.Rectification;
using EduDuty.Core.Rules;

namespace EduDuty.Core.Reports;

/// <summary>
/// What a county's report shows beyond this year's figures and texts (issue 16): last year's evaluation, evaluated under its
/// own scheme, for the appendix's 上年 and 较上年 columns; last year's rectification tasks, for the section 上年度问题整改情况
/// (null: last year was not approved with tasks, and the section is left out); today, for what is overdue.
/// </summary>
/// <param name="Score">The self-score when the scheme scores: the report's introduction states it.</param>
/// <param name="FieldDepartments">When the report setting 附录显示各指标的数据来源 is on (issue 30): the department that enters each
/// entered field, by code (教育局 for the county's own); the appendix then names each indicator's data source. Null: it does not.</param>
public sealed record ReportContext(EvaluationResult? LastYear = null, IReadOnlyList<RectificationItem>? Rectification = null, DateOnly Today = default, Scoring.ScoreCard? Score = null,
    IReadOnlyDictionary<string, string>? FieldDepartments = null)
{
    public static readonly ReportContext None = new();
}
