using EduDuty.Core.Surveys;

namespace EduDuty.Core.Tests.Surveys;

/// <summary>
/// The results of the shipped example survey (SX-2021-SAT) from hand-made tallies. The public questionnaire's numbers, from
/// the file: 1–2 identity (single, 4 options), 3–5 教育公平 (scale), 6–8 教育质量 (scale), 9–10 政府治理 (scale), 11 政府治理
/// (multiple, 7 options), 12 总体评价 (scale), 13 open. Every expected value is worked out by hand in the comments.
/// </summary>
public sealed class SurveyStatisticsTests
{
    private static readonly SurveyDefinition Example = SurveyLoader.Load(BuiltInSurveys.Files.Values.Single()).Definition!;

    private static TallySum P(int question, int option, long count) => new(SurveyGroup.Public, question, option, count);

    private static readonly TallySum[] Small =
    [
        P(0, 0, 10), P(0, 1, 3),
        // Q3: 10 answered: 满意 4, 比较满意 3, 一般 1, 不了解 2 → 7 / (10 − 2) = 87.5 %, n = 8.
        P(3, 0, 10), P(3, 1, 4), P(3, 2, 3), P(3, 3, 1), P(3, 6, 2),
        // Q4: 9 answered: 2, 2, 2, 1, 1, 不了解 1 → 4 / 8 = 50 %, n = 8.
        P(4, 0, 9), P(4, 1, 2), P(4, 2, 2), P(4, 3, 2), P(4, 4, 1), P(4, 5, 1), P(4, 6, 1),
        // Q5: 10 answered, all 不了解 → unknown.
        P(5, 0, 10), P(5, 6, 10),
        // Q11 (multiple): 5 answered; option 1 by 4, option 2 by 3 → 80 % and 60 % (140 % together).
        P(11, 0, 5), P(11, 1, 4), P(11, 2, 3),
        // The same key twice (two shards) adds up.
        P(11, 2, 0),
    ];

    [Fact]
    public void A_scale_question_counts_satisfied_among_answers_other_than_unknown()
    {
        var result = SurveyStatistics.Compute(Example, Small);
        var q3 = result.For(SurveyGroup.Public)!.Question(3)!;

        Assert.Equal(10, q3.Answered);
        Assert.Equal([4L, 3, 1, 0, 0, 2], q3.Options.Select(o => o.Count));
        Assert.Equal("满意", q3.Options[0].Text);
        Assert.Equal("40.0%", q3.Options[0].ShareText);
        Assert.Equal(7, q3.Index!.Satisfied);
        Assert.Equal(8, q3.Index.N);
        Assert.Equal(87.5m, q3.Index.Percent());
        // 1.96 · √(0.875 · 0.125 / 8) = 1.96 · 0.11693 = 0.22918 → ± 22.9 points.
        Assert.Equal(22.9m, q3.Index.MarginPoints);
        Assert.True(q3.Index.IsFew);
        Assert.Equal("87.5%（± 22.9 个百分点，n = 8，样本较少）", q3.Index.LongText);
    }

    [Fact]
    public void Only_unknown_answers_give_an_unknown_index_never_zero_or_hundred()
    {
        var q5 = SurveyStatistics.Compute(Example, Small).For(SurveyGroup.Public)!.Question(5)!;

        Assert.False(q5.Index!.IsKnown);
        Assert.Null(q5.Index.Percent());
        Assert.Null(q5.Index.Margin);
        Assert.Equal("无有效答卷", q5.Index.Text);
        Assert.Equal("无有效答卷", q5.Index.LongText);
    }

    [Fact]
    public void A_theme_and_a_group_pool_their_scale_questions_with_the_sheets_as_n()
    {
        var group = SurveyStatistics.Compute(Example, Small).For(SurveyGroup.Public)!;

        // 教育公平: Q3 7/8 and Q4 4/8 (Q5 unknown) → (7 + 4) / (8 + 8) = 68.75 % → 68.8 %, n = max(8, 8) = 8;
        // 1.96 · √(0.6875 · 0.3125 / 8) = 1.96 · 0.16388 = 0.32120 → ± 32.1.
        var fairness = group.Themes.Single(t => t.Theme.Key == "fairness").Index;
        Assert.Equal((11L, 16L, 8L), (fairness.Satisfied, fairness.Answers, fairness.N));
        Assert.Equal(68.8m, fairness.Percent());
        Assert.Equal(32.1m, fairness.MarginPoints);
        // 教育质量 has no tally at all: unknown.
        Assert.False(group.Themes.Single(t => t.Theme.Key == "quality").Index.IsKnown);
        // The group: only Q3 and Q4 are known → the same 68.8 %.
        Assert.Equal(68.8m, group.Index.Percent());
        Assert.Equal((10L, 3L), (group.Counted, group.Suspect));
    }

    [Fact]
    public void Multiple_choice_shares_are_of_those_who_answered_and_may_exceed_the_whole()
    {
        var q11 = SurveyStatistics.Compute(Example, Small).For(SurveyGroup.Public)!.Question(11)!;

        Assert.True(q11.SharesMayExceedWhole);
        Assert.Equal(7, q11.Options.Count);
        Assert.Equal(["80.0%", "60.0%", "0.0%"], q11.Options.Take(3).Select(o => o.ShareText));
        Assert.Null(q11.Index);
    }

    [Fact]
    public void Nothing_answered_is_unknown_everywhere_and_shares_are_dashes()
    {
        var result = SurveyStatistics.Compute(Example, []);

        Assert.All(result.Groups, g => Assert.False(g.Index.IsKnown));
        Assert.False(result.Index.IsKnown);
        Assert.Equal("—", result.For(SurveyGroup.Teacher)!.Question(1)!.Options[0].ShareText);
        Assert.Equal(0, result.Counted);
    }

    [Fact]
    public void The_overall_index_pools_the_groups_sheets_and_a_large_sample_is_not_few()
    {
        // Public Q12 (总体评价): 862 of 1000 satisfied → 86.2 %; 1.96 · √(0.862 · 0.138 / 1000) = 1.96 · 0.010907 = 0.021377 → ± 2.1.
        // Teacher Q11 (总体评价): 100 answered, 满意 90, 不了解 0 → 90 %.
        // Overall: (862 + 90) / (1000 + 100) = 952 / 1100 = 86.545… % → 86.5 %, n = 1000 + 100 = 1100.
        TallySum[] sums =
        [
            P(0, 0, 1000), P(12, 0, 1000), P(12, 1, 800), P(12, 2, 62), P(12, 3, 138),
            new(SurveyGroup.Teacher, 0, 0, 100), new(SurveyGroup.Teacher, 11, 0, 100), new(SurveyGroup.Teacher, 11, 1, 90), new(SurveyGroup.Teacher, 11, 5, 10),
        ];

        var result = SurveyStatistics.Compute(Example, sums);
        var q12 = result.For(SurveyGroup.Public)!.Question(12)!.Index!;

        Assert.Equal(86.2m, q12.Percent());
        Assert.Equal(2.1m, q12.MarginPoints);
        Assert.False(q12.IsFew);
        Assert.Equal("86.2%（± 2.1 个百分点，n = 1000）", q12.LongText);
        Assert.Equal(90m, result.For(SurveyGroup.Teacher)!.Index.Percent());
        Assert.Equal(86.5m, result.Index.Percent());
        Assert.Equal(1100, result.Index.N);
        Assert.Equal(1100, result.Counted);
        Assert.Equal(87m, result.Index.Percent(0)); // 86.545 → 87
    }

    [Fact]
    public void A_field_source_reads_the_group_or_the_question_index()
    {
        var result = SurveyStatistics.Compute(Example, Small);

        Assert.Equal(87.5m, result.IndexOf(new SurveyFieldSource("X", SurveyGroup.Public, 3)).Percent());
        Assert.Equal(68.8m, result.IndexOf(new SurveyFieldSource("X", SurveyGroup.Public, null)).Percent());
        Assert.False(result.IndexOf(new SurveyFieldSource("X", SurveyGroup.Student, null)).IsKnown);
    }
}
