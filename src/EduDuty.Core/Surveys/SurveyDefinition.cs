namespace EduDuty.Core.Surveys;

/// <summary>How a question is answered.</summary>
public enum QuestionKind
{
    /// <summary>单选: one of the options.</summary>
    Single,

    /// <summary>多选: one or more of the options, at most <see cref="SurveyQuestion.MaxChoices"/>.</summary>
    Multiple,

    /// <summary>五级量表: 满意 … 不满意, or 不了解 (<see cref="ScaleLevels"/>).</summary>
    Scale,

    /// <summary>开放题: a free text of at most <see cref="SurveyQuestion.MaxLength"/> characters; never required by default.</summary>
    Open,
}

/// <summary>
/// The five-level scale with 不了解 (issue 31). Option numbers as stored and tallied: 1 满意, 2 比较满意, 3 一般, 4 不太满意,
/// 5 不满意, 6 不了解. The satisfaction index counts 1 and 2 among the answers other than 6.
/// </summary>
public static class ScaleLevels
{
    public const int Satisfied = 1;
    public const int FairlySatisfied = 2;
    public const int Unknown = 6;

    public static readonly IReadOnlyList<string> Names = ["满意", "比较满意", "一般", "不太满意", "不满意", "不了解"];
}

/// <summary>
/// One question of a questionnaire. <see cref="Number"/> is its place in its questionnaire (1, 2, … across the themes, in the
/// file's order): the stored answers and the tallies name questions by it, so a stored definition never changes once a
/// round uses it. Options are numbered from 1 in their order (a scale's are <see cref="ScaleLevels"/>).
/// </summary>
public sealed record SurveyQuestion(
    int Number, string Code, string Text, QuestionKind Kind, IReadOnlyList<string> Options, bool Required)
{
    /// <summary>A multiple-choice question's most choices (null: any number of its options).</summary>
    public int? MaxChoices { get; init; }

    /// <summary>An open question's longest answer.</summary>
    public int MaxLength { get; init; } = 500;

    /// <summary>The scheme field this question's satisfaction index fills (a scale question only), or null.</summary>
    public string? Field { get; init; }

    /// <summary>Options as answered: a scale's levels, else the file's options.</summary>
    public IReadOnlyList<string> Choices => Kind == QuestionKind.Scale ? ScaleLevels.Names : Options;
}

/// <summary>A theme of a questionnaire (教育公平, 教育质量, 政府治理, 总体评价 …) and its questions.</summary>
public sealed record SurveyTheme(string Key, string Name, IReadOnlyList<SurveyQuestion> Questions);

/// <summary>One group's questionnaire.</summary>
public sealed record Questionnaire(SurveyGroup Group, string Title, string? Intro, IReadOnlyList<SurveyTheme> Themes)
{
    /// <summary>The scheme field the group's satisfaction index fills, or null.</summary>
    public string? Field { get; init; }

    public IEnumerable<SurveyQuestion> Questions => Themes.SelectMany(t => t.Questions);

    public SurveyQuestion? Question(int number) => Questions.FirstOrDefault(q => q.Number == number);
}

/// <summary>
/// A survey definition (docs/survey-format.md): the questionnaires of the three groups, what the public is told is collected,
/// and the scheme fields its indexes fill. Attached to a scheme by its code and year, or uploaded by an admin.
/// </summary>
public sealed record SurveyDefinition(
    string Code, string Title, int? Year, string? SchemeCode, bool IsExample, string Notice, IReadOnlyList<Questionnaire> Questionnaires)
{
    public Questionnaire? For(SurveyGroup group) => Questionnaires.FirstOrDefault(q => q.Group == group);

    /// <summary>Every scheme field a question's or a group's index fills, with where it comes from.</summary>
    public IEnumerable<SurveyFieldSource> FieldSources =>
        Questionnaires.SelectMany(q => (q.Field is { } groupField ? [new SurveyFieldSource(groupField, q.Group, null)] : Array.Empty<SurveyFieldSource>())
            .Concat(q.Questions.Where(x => x.Field is not null).Select(x => new SurveyFieldSource(x.Field!, q.Group, x.Number))));
}

/// <summary>A scheme field filled from a survey: a group's index (<see cref="Question"/> null) or one scale question's.</summary>
public sealed record SurveyFieldSource(string FieldCode, SurveyGroup Group, int? Question);
