using EduDuty.Core.Rules;

namespace EduDuty.Core.Reports;

/// <summary>
/// What a county's report shows beyond this year's figures and texts (issue 16): last year's evaluation, evaluated under its
/// own scheme, for the appendix's 上年 and 较上年 columns.
/// </summary>
public sealed record ReportContext(EvaluationResult? LastYear = null)
{
    public static readonly ReportContext None = new();
}
