namespace EduDuty.Core.Messaging;

// Issue 31, part C: the survey results, their exports and the filling of the scheme fields.
public static partial class Messages
{
    /// <summary>404: a round, or a county in it, that does not exist for this user.</summary>
    public static readonly Message SurveyRoundNotFound = NotNow("survey-round-not-found",
        "没有找到这次满意度调查，或该县不在这次调查中。请从“满意度调查”列表重新选择。");

    /// <summary>An evaluation whose county is in no survey round of its year.</summary>
    public static readonly Message SurveyNoRoundForEvaluation = NotNow("survey-no-round-for-evaluation",
        "本县本年度没有参加满意度调查。调查由省级或市级管理员开启，开启后这里显示本县的汇总结果。");

    /// <summary>Filling the fields of a round that is still open.</summary>
    public static readonly Message SurveyRoundStillOpen = NotNow("survey-round-still-open",
        "调查尚未结束，结束后才能把结果填入评价。如需提前结束，请在调查页面点击“结束调查”。");
}
