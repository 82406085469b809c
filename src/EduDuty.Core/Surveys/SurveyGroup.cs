namespace EduDuty.Core.Surveys;

/// <summary>Who answers a questionnaire (issue 31): the national procedure's three groups.</summary>
public enum SurveyGroup
{
    /// <summary>社会人士: the public (parents and anyone else).</summary>
    Public = 1,

    /// <summary>教师.</summary>
    Teacher = 2,

    /// <summary>学生.</summary>
    Student = 3,
}

/// <summary>
/// A public door of a county in an open survey round: one per group's questionnaire, and the problem-report form (问题线索).
/// Each gets its own link (a random token) and QR code. The numbers of the groups are the same as <see cref="SurveyGroup"/>.
/// </summary>
public enum SurveyChannel
{
    Public = SurveyGroup.Public,
    Teacher = SurveyGroup.Teacher,
    Student = SurveyGroup.Student,

    /// <summary>问题线索: the problem-report form; its reports go to the region's supervisors only.</summary>
    Problems = 9,
}

/// <summary>The one place groups and channels have their words and their keys in files and links.</summary>
public static class SurveyGroups
{
    public static readonly IReadOnlyList<SurveyGroup> All = [SurveyGroup.Public, SurveyGroup.Teacher, SurveyGroup.Student];

    public static readonly IReadOnlyList<SurveyChannel> Channels = [SurveyChannel.Public, SurveyChannel.Teacher, SurveyChannel.Student, SurveyChannel.Problems];

    /// <summary>社会人士, 教师, 学生.</summary>
    public static string Name(this SurveyGroup group) => group switch
    {
        SurveyGroup.Public => "社会人士",
        SurveyGroup.Teacher => "教师",
        SurveyGroup.Student => "学生",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };

    /// <summary>The key a survey file uses: public, teacher, student.</summary>
    public static string Key(this SurveyGroup group) => group switch
    {
        SurveyGroup.Public => "public",
        SurveyGroup.Teacher => "teacher",
        SurveyGroup.Student => "student",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };

    /// <summary>A group from its key or its Chinese name; null when it is neither.</summary>
    public static SurveyGroup? Parse(string? text) =>
        All.Cast<SurveyGroup?>().FirstOrDefault(g => string.Equals(g!.Value.Key(), text?.Trim(), StringComparison.OrdinalIgnoreCase) || g!.Value.Name() == text?.Trim());

    public static string Name(this SurveyChannel channel) => channel == SurveyChannel.Problems ? "问题线索" : ((SurveyGroup)channel).Name();

    public static SurveyGroup? Group(this SurveyChannel channel) => channel == SurveyChannel.Problems ? null : (SurveyGroup)channel;
}
