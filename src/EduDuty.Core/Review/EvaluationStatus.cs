namespace EduDuty.Core.Review;

/// <summary>Where an evaluation stands in the review between a county and its supervisors.</summary>
public enum EvaluationStatus
{
    Draft = 0,
    Submitted = 1,
    Returned = 2,
    Approved = 3,
}

public static class EvaluationStatuses
{
    public static string DisplayName(this EvaluationStatus status) => status switch
    {
        EvaluationStatus.Draft => "草稿",
        EvaluationStatus.Submitted => "已提交",
        EvaluationStatus.Returned => "已退回",
        EvaluationStatus.Approved => "已通过",
        _ => status.ToString(),
    };
}
