namespace EduDuty.Core.Review;

/// <summary>Where a county stands in a year: <see cref="NotStarted"/> when no evaluation was opened for it, else its evaluation's status.</summary>
public enum CountyState { NotStarted, Draft, Submitted, Returned, Approved }

/// <summary>The one mapping from an evaluation's status to a county's state, and the states' names on every page, workbook and report.</summary>
public static class CountyStates
{
    public static CountyState Of(EvaluationStatus status) => status switch
    {
        EvaluationStatus.Submitted => CountyState.Submitted,
        EvaluationStatus.Returned => CountyState.Returned,
        EvaluationStatus.Approved => CountyState.Approved,
        _ => CountyState.Draft,
    };

    /// <summary>
    /// The state as lists of counties show it: a draft with no figure entered yet reads "未开始填报", so that it is never taken
    /// for a county that has reported and has nothing failing (decision 0035).
    /// </summary>
    public static string DisplayName(this CountyState state, bool hasFigures) =>
        state == CountyState.Draft && !hasFigures ? NothingEntered : state.DisplayName();

    /// <summary>A county whose evaluation is open but has no figure entered.</summary>
    public const string NothingEntered = "未开始填报";

    public static string DisplayName(this CountyState state) => state switch
    {
        CountyState.NotStarted => "未开始",
        CountyState.Draft => "草稿",
        CountyState.Submitted => "已提交",
        CountyState.Returned => "已退回",
        _ => "已通过",
    };
}
