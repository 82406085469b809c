using System.Globalization;

namespace EduDuty.Core.Surveys;

/// <summary>One summed tally row of a county (or of several counties): <see cref="TallyKeys"/> names what it counts.</summary>
public readonly record struct TallySum(SurveyGroup Group, int Question, int Option, long Count);

/// <summary>
/// A satisfaction index (issue 31, decision 0059): <see cref="Satisfied"/> answers 满意 or 比较满意 among <see cref="Answers"/>
/// answers that are not 不了解; <see cref="N"/> is the number its 95 % margin is taken on. For one question N is its answers;
/// for a theme, a group or a county (pooled: every known answer weighs the same) N is about the number of sheets behind it — the
/// largest N of one questionnaire's questions, added over disjoint groups and counties — because the answers of one sheet are
/// not independent and counting each would make the margin look narrower than it is. Unknown when nobody gave a known answer
/// (decision 0035: unknown is never good — never shown as 0 % or 100 %). Margin 1.96·√(p(1−p)/N); below
/// <see cref="FewAnswers"/> it is shown with 样本较少.
/// </summary>
public sealed record SatisfactionIndex(long Satisfied, long Answers, long N)
{
    /// <summary>Below this n an index is shown with 样本较少.</summary>
    public const int FewAnswers = 30;

    public const string UnknownText = "无有效答卷";

    public const string FewText = "样本较少";

    public static readonly SatisfactionIndex None = new(0, 0, 0);

    /// <summary>One question's index from its tallies.</summary>
    public static SatisfactionIndex Of(long satisfied, long known) => new(satisfied, known, known);

    public bool IsKnown => Answers > 0 && N > 0;

    /// <summary>The share of satisfied answers (0 … 1), or null when unknown.</summary>
    public double? Value => IsKnown ? (double)Satisfied / Answers : null;

    /// <summary>The 95 % margin (0 … 1), or null when unknown.</summary>
    public double? Margin => Value is { } p ? 1.96 * Math.Sqrt(p * (1 - p) / N) : null;

    public bool IsFew => IsKnown && N < FewAnswers;

    /// <summary>The index in percent rounded to <paramref name="decimals"/> places (half away from zero), or null when unknown.</summary>
    public decimal? Percent(int decimals = 1) =>
        IsKnown ? Math.Round(Satisfied * 100m / Answers, decimals, MidpointRounding.AwayFromZero) : null;

    /// <summary>The margin in percentage points, one decimal, or null when unknown.</summary>
    public decimal? MarginPoints => Margin is { } margin ? Math.Round((decimal)margin * 100m, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>“86.2%”, or “无有效答卷”.</summary>
    public string Text => Percent() is { } percent ? percent.ToString("0.0", CultureInfo.InvariantCulture) + "%" : UnknownText;

    /// <summary>“± 3.1”, or empty when unknown.</summary>
    public string MarginText => MarginPoints is { } points ? "± " + points.ToString("0.0", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>“86.2%（± 3.1 个百分点，n = 312）”, with “，样本较少” under 30, or “无有效答卷”.</summary>
    public string LongText => !IsKnown ? UnknownText
        : $"{Text}（{MarginText} 个百分点，n = {N.ToString(CultureInfo.InvariantCulture)}{(IsFew ? "，" + FewText : string.Empty)}）";

    /// <summary>A theme's or a group's index over the scale questions of one questionnaire: pooled, N the largest N.</summary>
    public static SatisfactionIndex PoolOfQuestions(IEnumerable<SatisfactionIndex> parts)
    {
        var known = parts.Where(p => p.IsKnown).ToList();
        return known.Count == 0 ? None : new(known.Sum(p => p.Satisfied), known.Sum(p => p.Answers), known.Max(p => p.N));
    }

    /// <summary>Indexes of disjoint sheets (the groups of a county, the counties of a region) as one: pooled, N added.</summary>
    public static SatisfactionIndex PoolOfSheets(IEnumerable<SatisfactionIndex> parts)
    {
        var known = parts.Where(p => p.IsKnown).ToList();
        return known.Count == 0 ? None : new(known.Sum(p => p.Satisfied), known.Sum(p => p.Answers), known.Sum(p => p.N));
    }
}

/// <summary>One option of a question: its count and its share of those who answered the question (null when nobody did).</summary>
public sealed record OptionResult(int Number, string Text, long Count, double? Share)
{
    /// <summary>“42.5%”, or “—” when nobody answered the question.</summary>
    public string ShareText => Share is { } share ? Math.Round((decimal)share * 100m, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
}

/// <summary>
/// One question's results: the sheets that answered it, each option's count and share, and (a scale question) its index.
/// A multiple-choice question's shares may add up to more than 100 % (a sheet may choose several): <see cref="SharesMayExceedWhole"/>.
/// </summary>
public sealed record QuestionResult(SurveyQuestion Question, long Answered, IReadOnlyList<OptionResult> Options, SatisfactionIndex? Index)
{
    public bool SharesMayExceedWhole => Question.Kind == QuestionKind.Multiple;
}

public sealed record ThemeResult(SurveyTheme Theme, IReadOnlyList<QuestionResult> Questions, SatisfactionIndex Index);

/// <summary>One group's results in a county (or a region): counted and suspect sheets, themes, the group's index.</summary>
public sealed record GroupResult(SurveyGroup Group, string Title, long Counted, long Suspect, IReadOnlyList<ThemeResult> Themes, SatisfactionIndex Index)
{
    public IEnumerable<QuestionResult> Questions => Themes.SelectMany(t => t.Questions);

    public QuestionResult? Question(int number) => Questions.FirstOrDefault(q => q.Question.Number == number);
}

/// <summary>A county's (or a region's) results: its groups and the overall index (pooled over the groups' sheets).</summary>
public sealed record SurveyResult(IReadOnlyList<GroupResult> Groups, SatisfactionIndex Index)
{
    public long Counted => Groups.Sum(g => g.Counted);

    public long Suspect => Groups.Sum(g => g.Suspect);

    public GroupResult? For(SurveyGroup group) => Groups.FirstOrDefault(g => g.Group == group);

    /// <summary>The index a scheme field is filled with (<see cref="SurveyDefinition.FieldSources"/>): a group's or one question's.</summary>
    public SatisfactionIndex IndexOf(SurveyFieldSource source) =>
        For(source.Group) is not { } group ? SatisfactionIndex.None
        : source.Question is { } number ? group.Question(number)?.Index ?? SatisfactionIndex.None
        : group.Index;
}

/// <summary>
/// The results of a survey from its summed tallies (issue 31): counts, shares and satisfaction indexes per group, theme and
/// question — computed from <see cref="TallySum"/>s only (the sums of <c>SurveyTallies</c>), never from the answers.
/// </summary>
public static class SurveyStatistics
{
    public static SurveyResult Compute(SurveyDefinition definition, IEnumerable<TallySum> sums)
    {
        var counts = new Dictionary<(SurveyGroup, int, int), long>();
        foreach (var sum in sums)
            counts[(sum.Group, sum.Question, sum.Option)] = counts.GetValueOrDefault((sum.Group, sum.Question, sum.Option)) + sum.Count;
        long Count(SurveyGroup group, int question, int option) => counts.GetValueOrDefault((group, question, option));

        var groups = new List<GroupResult>();
        foreach (var questionnaire in definition.Questionnaires)
        {
            var group = questionnaire.Group;
            var themes = new List<ThemeResult>();
            foreach (var theme in questionnaire.Themes)
            {
                var questions = new List<QuestionResult>();
                foreach (var question in theme.Questions.Where(q => q.Kind != QuestionKind.Open))
                {
                    var answered = Count(group, question.Number, TallyKeys.Answered);
                    var options = question.Choices.Select((text, i) =>
                    {
                        var count = Count(group, question.Number, i + 1);
                        return new OptionResult(i + 1, text, count, answered > 0 ? (double)count / answered : null);
                    }).ToList();
                    SatisfactionIndex? index = null;
                    if (question.Kind == QuestionKind.Scale)
                    {
                        var satisfied = Count(group, question.Number, ScaleLevels.Satisfied) + Count(group, question.Number, ScaleLevels.FairlySatisfied);
                        var known = answered - Count(group, question.Number, ScaleLevels.Unknown);
                        index = SatisfactionIndex.Of(satisfied, Math.Max(0, known));
                    }

                    questions.Add(new QuestionResult(question, answered, options, index));
                }

                themes.Add(new ThemeResult(theme, questions, SatisfactionIndex.PoolOfQuestions(questions.Where(q => q.Index is not null).Select(q => q.Index!))));
            }

            var groupIndex = SatisfactionIndex.PoolOfQuestions(themes.SelectMany(t => t.Questions).Where(q => q.Index is not null).Select(q => q.Index!));
            groups.Add(new GroupResult(group, questionnaire.Title, Count(group, TallyKeys.Sheets, TallyKeys.Counted), Count(group, TallyKeys.Sheets, TallyKeys.Suspect), themes, groupIndex));
        }

        return new SurveyResult(groups, SatisfactionIndex.PoolOfSheets(groups.Select(g => g.Index)));
    }
}
