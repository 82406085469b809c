namespace EduDuty.Core.Messaging;

// The public questionnaire's answers (issue 31, part B).
public static partial class Messages
{
    /// <summary>404: a survey link that does not exist (mistyped, or not a questionnaire's).</summary>
    public static readonly Message SurveyLinkUnknown = NotNow("survey-link-unknown",
        "没有找到这份问卷。请检查网址是否完整，或重新扫描调查海报上的二维码。");

    /// <summary>409: the round has not begun.</summary>
    public static Message SurveyNotYetOpen(string opensOn) => NotNow("survey-not-yet-open",
        $"本次调查尚未开始，将于 {opensOn} 开始。请到时再打开本页作答。", ("opensOn", opensOn));

    /// <summary>409: the round is over (its last day passed, or it was closed early).</summary>
    public static readonly Message SurveyClosed = NotNow("survey-closed",
        "本次调查已结束，不再接收答卷。感谢您的关注。");

    /// <summary>The note of a second sheet from one device: not stored, the first one counts.</summary>
    public const string SurveyCountedOnce = "这台设备已经提交过这份问卷，每台设备只计一次，您的第一份答卷已经计入。";

    /// <summary>The note of a sheet stored.</summary>
    public const string SurveyAnswerStored = "答卷已提交，感谢您的参与。";
}
