namespace EduDuty.Core.Messaging;

// The surveys' and problem reports' foundation (issue 31): who may do what. The parts of the feature keep their own messages
// in their own partial files beside this one (Messages.SurveyAdmin, Messages.SurveyAnswers, Messages.SurveyResults,
// Messages.ProblemReports); the catalogue is still one class.
public static partial class Messages
{
    /// <summary>403: a survey file or round acted on by someone who is not an admin.</summary>
    public static readonly Message OnlyAdminsManageSurveys = Forbidden("only-admins-manage-surveys",
        "只有省级或市级管理员可以上传问卷、开启或结束满意度调查。如需开展调查，请联系本地区管理员。");

    /// <summary>404-like: a region, county or round outside the user's region.</summary>
    public static readonly Message SurveyOutOfScope = Forbidden("survey-out-of-scope",
        "该地区不在您管辖的范围内。请选择本地区或下辖地区。");

    /// <summary>403: a role that reads no survey results (a department user).</summary>
    public static readonly Message SurveyResultsNotForRole = Forbidden("survey-results-not-for-role",
        "您的角色不能查看满意度调查结果。如需了解，请联系县教育局。");

    /// <summary>403: the anonymised answers (with open texts) are for supervisors and admins only.</summary>
    public static readonly Message SurveyAnswersOnlyOversight = Forbidden("survey-answers-only-oversight",
        "逐份答卷（匿名）只提供给督导和管理员。县级可以查看本县的汇总结果。");

    /// <summary>403: problem reports go to the region's supervisors only, never to the county being evaluated.</summary>
    public static readonly Message ProblemsOnlySupervisors = Forbidden("problems-only-supervisors",
        "问题线索只提供给本地区的督导人员核实，其他角色不能查看。");

    /// <summary>403: a figure filled from the survey's results; nobody types it.</summary>
    public static Message SurveyFedField(string code) => Forbidden("survey-fed-field",
        $"“{code}”来自满意度调查，由调查结果自动填入，不能手工填写或修改。", ("code", code));
}
