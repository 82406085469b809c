namespace EduDuty.Core.Reports;

/// <summary>
/// The 成文日期 a county's report carries (GB/T 9704 7.3.5.1: the day it is issued), the one rule for the report page, its
/// downloads and the editions frozen from it: the date the county typed; else the day it submitted the report (China time),
/// which the approved edition keeps, since approval signs the submitted document unchanged; else, for an evaluation approved
/// with no submission on record (one submitted before the portal kept the time), the day of approval; else today, and then
/// the report is a draft. A draft, whatever its date, prints <see cref="ReportDocument.DraftDateLine"/> in the date's place
/// (decision 0031); the date shows once the report is submitted (decision 0038).
/// </summary>
public static class ReportDating
{
    public static DateOnly Of(DateOnly? typed, DateOnly? submitted, DateOnly? approved, DateOnly today) => typed ?? submitted ?? approved ?? today;
}
