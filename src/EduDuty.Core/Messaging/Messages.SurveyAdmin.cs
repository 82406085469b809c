namespace EduDuty.Core.Messaging;

// Part A of issue 31: the admin's survey files and rounds (upload, open, close early).
public static partial class Messages
{
    /// <summary>422: no survey file chosen, or one over the size limit.</summary>
    public static Message SurveyFileMissing(int maxKilobytes) => NotNow("survey-file-missing",
        $"请选择 {maxKilobytes} KB 以内的问卷文件（JSON，UTF-8 编码）后再上传。", ("max", maxKilobytes));

    /// <summary>403: the code belongs to a survey another region (or the system) owns; a new code is needed.</summary>
    public static Message SurveyCodeTaken(string code) => Forbidden("survey-code-taken",
        $"问卷代码“{code}”已被上级地区、其他地区或系统内置的问卷使用，您不能为它上传新版本。请在文件中换一个问卷代码后重新上传。", ("code", code));

    /// <summary>409: the upload is exactly the newest stored version of its code.</summary>
    public static Message SurveyUnchanged(string code, int version) => NotNow("survey-unchanged",
        $"上传的文件与已保存的“{code}”第 {version} 版完全相同，无需再次保存。", ("code", code), ("version", version));

    /// <summary>422: the survey names a scheme that is not stored.</summary>
    public static Message SurveySchemeMissing(string scheme) => NotNow("survey-scheme-missing",
        $"问卷文件的 scheme 写的是“{scheme}”，系统中没有这个评价方案。请先上传该方案，或改正 scheme 后重新上传。", ("scheme", scheme));

    /// <summary>404: a survey version or round that does not exist or is outside the admin's region.</summary>
    public static readonly Message SurveyNotFound = Forbidden("survey-not-found",
        "没有找到该问卷或调查，或它不在您管辖的地区内。请从“满意度调查”页的列表中选择。");

    /// <summary>409: closing a round that has already ended.</summary>
    public static readonly Message SurveyAlreadyClosed = NotNow("survey-already-closed",
        "这次调查已经结束，无需再结束。如需再次调查，请开启新的调查。");

    /// <summary>422: counties of the region already in another round of the year (found first, or by the unique index in a race).</summary>
    public static Message SurveyCountiesTaken(int year, string counties) => NotNow("survey-counties-taken",
        $"{counties}已在 {year} 年度的另一次调查中，每个县每年只参加一次调查。请选择其他地区，或先查看已开启的调查。", ("year", year), ("counties", counties));
}
