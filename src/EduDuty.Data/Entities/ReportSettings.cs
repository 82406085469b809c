namespace EduDuty.Data.Entities;

/// <summary>
/// The county's report texts beyond the area texts: issuer, addressee, date, the 存在问题 items and section 四.
/// Lists are stored as JSON in the report-texts format (docs/report-texts-format.md); null means the scheme default.
/// </summary>
public class ReportSettings
{
    public int Id { get; set; }

    public int EvaluationId { get; set; }

    public string? Issuer { get; set; }

    public string? Addressee { get; set; }

    public DateOnly? Date { get; set; }

    /// <summary>The lead of 上年度问题整改情况 with its live counts; null: the default.</summary>
    public string? RectificationLead { get; set; }

    public string? ProblemsLead { get; set; }

    /// <summary>JSON array of {heading, measures, codes}.</summary>
    public string? ProblemsJson { get; set; }

    public string? PlansLead { get; set; }

    /// <summary>JSON array of {heading, text}.</summary>
    public string? PlansJson { get; set; }

    /// <summary>
    /// 附录显示各指标的数据来源 (issue 30): the appendix names each indicator's data source (the scheme's dataSource) and the
    /// department that enters it. Off by default.
    /// </summary>
    public bool ShowDataSources { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string? UpdatedByUserId { get; set; }

    public int Version { get; set; }
}
