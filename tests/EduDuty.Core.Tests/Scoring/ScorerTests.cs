using System.Text.Json.Nodes;
using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Scoring;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Scoring;

/// <summary>
/// The documented example scheme (docs/examples/scored-scheme.json) scored by hand: its rules say 增长率 ≥ 0 (10 points, all
/// lost when missed), 生均公用经费 ≥ 650 元 (10, 1 point per 10 元 short), 毛入园率 ≥ 90 % (20, in proportion), 安全责任制 = 是
/// (10, 6 off), 隐患整改率 ≥ 100 % (50, 2 per point short); scores to 0.1 (四舍五入); 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60.
/// </summary>
public sealed class ScorerTests
{
    private static readonly string ExampleJson = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "examples", "scored-scheme.json"));
    private static readonly Scheme Example = SchemeLoader.Load(ExampleJson);

    private static readonly Dictionary<string, object> AllMet = new()
    {
        ["A01.01"] = 1100m, ["A01.02"] = 1000m, ["A01.04"] = 700m, ["A01.05.1"] = 1000m, ["A01.05.2"] = 950m,
        ["A01.06"] = false, ["A02.01"] = true, ["A02.02"] = false, ["A02.03"] = 100m,
    };

    // Every deduction once: growth −5 % (0 of 10), 615 元 is 35 short (3.5 off: 6.5), 85 % of 90 (20 × 85 ÷ 90 = 18.888… → 18.9),
    // no 责任制 (10 − 6 = 4), 97.5 % is 2.5 points short (5 off: 45). Base 74.4.
    private static readonly Dictionary<string, object> Missed = new()
    {
        ["A01.01"] = 950m, ["A01.02"] = 1000m, ["A01.04"] = 615m, ["A01.05.1"] = 1000m, ["A01.05.2"] = 850m,
        ["A01.06"] = false, ["A02.01"] = false, ["A02.02"] = false, ["A02.03"] = 97.5m,
    };

    [Fact]
    public void Every_target_met_earns_full_points_and_the_applied_bonus_counts_in_the_self_score()
    {
        var card = Scorer.Score(Evaluate(AllMet), ["J01", "J02"]);

        Assert.Equal((100m, 100m, 5m, 105m), (card.Base, card.Full, card.Bonus, card.Total));
        Assert.Equal("优秀", card.Grade.Name);
        Assert.Equal([("A01_FINANCE", 40m, 40m), ("A02_SAFETY", 60m, 60m)], card.Areas.Select(a => (a.Area.Key, a.Full, a.Points)));
        Assert.Equal("自评总得分为105分，其中申请加分5分", card.SelfScoreSentence);
    }

    [Fact]
    public void Each_deduction_rule_takes_what_the_scheme_says_and_never_goes_below_zero()
    {
        var card = Scorer.Score(Evaluate(Missed), []);

        Assert.Equal([0m, 6.5m, 18.9m, 4m, 45m], card.Indicators.Select(i => i.Points));
        Assert.Equal(74.4m, card.Total);
        Assert.Equal("合格", card.Grade.Name);
        Assert.Contains("差35元/生/年，扣3.5分", card.Indicators[1].Reason);

        var far = Scorer.Score(Evaluate(new(Missed) { ["A02.03"] = 40m }), []); // 60 points short: 120 off a 50-point indicator
        Assert.Equal(0m, far.Indicators.Single(i => i.Field.Code == "A02.03").Points);
    }

    [Fact]
    public void The_documented_figures_file_holds_the_portals_example_figures_and_scores_74_4_under_the_documented_scheme()
    {
        // docs/examples/scored-figures.json, as docs/cli.md and docs/scoring-format.md evaluate it: the figures the portal's
        // tests store for the example (ScoredExample), and the total the docs give.
        var read = FiguresFileReader.Read(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "examples", "scored-figures.json")), Example);
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var expected = ScoredExample.DeductedNumbers.Select(n => (n.Code, FieldValue.Of(n.Number)))
            .Concat(ScoredExample.DeductedFlags.Select(f => (f.Code, FieldValue.Of(f.Flag))))
            .OrderBy(p => p.Code, StringComparer.Ordinal);
        Assert.Equal(expected, read.File!.Values.Select(p => (p.Key, p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal));

        var card = Scorer.Score(RuleEngine.For(Example).Evaluate(read.File.Values), read.File.Bonus);

        Assert.Equal((74.4m, 0m, "合格"), (card.Total, card.Bonus, card.Grade.Name));
        Assert.Equal("自评总得分为74.4分，其中申请加分0分", card.SelfScoreSentence);
    }

    [Fact]
    public void Bonus_applied_for_is_capped_and_only_granted_bonus_counts_in_the_verified_score()
    {
        var evaluation = Evaluate(Missed);

        var self = Scorer.Score(evaluation, ["J01", "J02", "J03"]); // 2 + 3 + 2 = 7, capped at 5
        var verified = Scorer.Score(evaluation, ["J01"]);            // J02 and J03 refused

        Assert.Equal((5m, 79.4m), (self.Bonus, self.Total));
        Assert.Equal((2m, 76.4m), (verified.Bonus, verified.Total));
        Assert.Equal("自评总得分为79.4分，其中申请加分5分", self.SelfScoreSentence);
    }

    [Fact]
    public void A_score_says_something_once_a_figure_is_entered()
    {
        Assert.False(Scorer.HasFigures(Evaluate([])));
        Assert.True(Scorer.HasFigures(Evaluate(new() { ["A02.02"] = false })));
    }

    [Fact]
    public void There_is_a_verified_score_once_a_claim_is_decided_or_an_indicator_adjusted()
    {
        var evaluation = Evaluate(Missed);

        Assert.Null(Scorer.Verified(evaluation, [("J01", null), ("J02", null)], []));
        Assert.Equal(76.4m, Scorer.Verified(evaluation, [("J01", true), ("J02", null), ("J03", false)], [])!.Total); // J01's 2 only
        Assert.Equal(79.4m, Scorer.Verified(evaluation, [("J01", null)], [new ScoreAdjustment("A01.03", 5m, "剔除一次性专项")])!.Total);
    }

    [Fact]
    public void A_supervisors_adjustment_replaces_the_points_with_its_reason_within_the_indicators_range()
    {
        var card = Scorer.Score(Evaluate(Missed), [], [new ScoreAdjustment("A01.03", 5m, "上年支出口径含一次性专项，核减后为增长"), new ScoreAdjustment("A02.01", 25m, "超过满分")]);

        Assert.Equal((5m, "核定调整：上年支出口径含一次性专项，核减后为增长"), (card.Indicators[0].Points, card.Indicators[0].Reason));
        Assert.Equal(10m, card.Indicators.Single(i => i.Field.Code == "A02.01").Points); // never above its 10 points
        Assert.Equal(74.4m - 0m + 5m + 6m, card.Total);
    }

    [Theory]
    [InlineData("A02.02", true, "不合格")] // 重大安全责任事故: 不合格 whatever the total
    [InlineData("A01.06", true, "合格")]   // 新增拖欠教师工资: at most 合格
    [InlineData("A02.02", false, "优秀")]
    public void A_veto_caps_the_grade_whatever_the_total(string field, bool value, string grade)
    {
        var card = Scorer.Score(Evaluate(new(AllMet) { [field] = value }), ["J01"]);

        Assert.Equal(102m, card.Total);
        Assert.Equal("优秀", card.Earned.Name);
        Assert.Equal(grade, card.Grade.Name);
        Assert.Equal(grade != "优秀", card.Vetoes.Count == 1);
    }

    [Theory]
    // 90 % 整改率 is 10 short: 20 off, base exactly 80.0, the lowest 良好. 89.95 % prints as 90.0 (四舍五入 at the field's 0.1), the
    // same; 89.9 % is 10.1 short: 20.2 off, 79.8, 合格.
    [InlineData("90", 80.0, "良好")]
    [InlineData("89.95", 80.0, "良好")]
    [InlineData("89.9", 79.8, "合格")]
    public void Grade_bands_start_at_their_minimum_after_rounding_half_away_from_zero(string rate, double total, string grade)
    {
        var card = Scorer.Score(Evaluate(new(AllMet) { ["A02.03"] = decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture) }), []);

        Assert.Equal((decimal)total, card.Total);
        Assert.Equal(grade, card.Grade.Name);
    }

    [Fact]
    public void Scores_round_half_away_from_zero_at_the_schemes_precision()
    {
        // With whole points: 625 元 is 25 short, 2.5 off, rounded to 3 (a banker's rounding would give 2): 7 of 10.
        var whole = SchemeLoader.Load(Mutate(s => s["scoring"]!["precision"] = 0));
        var card = Scorer.Score(RuleEngine.For(whole).Evaluate(Values(new(AllMet) { ["A01.04"] = 625m })), []);

        Assert.Equal(7m, card.Indicators.Single(i => i.Field.Code == "A01.04").Points);
    }

    [Fact]
    public void An_indicator_not_filled_earns_nothing()
    {
        var figures = new Dictionary<string, object>(AllMet);
        figures.Remove("A01.04");

        var indicator = Scorer.Score(Evaluate(figures), []).Indicators.Single(i => i.Field.Code == "A01.04");

        Assert.Equal((0m, "未填报或无法计算，不得分"), (indicator.Points, indicator.Reason));
    }

    [Fact]
    public void SX_2021_as_published_has_no_scores()
    {
        var sx = BuiltInSchemes.Get("SX-2021");

        Assert.Null(sx.Scoring);
        Assert.DoesNotContain(sx.Fields, f => f.Points is not null);
    }

    [Theory]
    [InlineData("points-without-threshold", "A01.01", "只有有目标值")]
    [InlineData("unknown-deduction", "A01.04", "扣分方式")]
    [InlineData("veto-on-a-number", "V01", "不是是/否字段")]
    [InlineData("no-lowest-grade", "scoring（计分）", "min 为 0")]
    [InlineData("points-without-scoring", "A01.03", "没有 scoring")]
    [InlineData("bonus-named-like-a-field", "A01.01", "加分项代码与指标代码或领域代码相同")]
    public void A_malformed_scoring_part_is_refused_with_the_place_named(string breakage, string location, string message)
    {
        var json = Mutate(s =>
        {
            switch (breakage)
            {
                case "points-without-threshold": Field(s, "A01.01")["points"] = new JsonObject { ["full"] = 5 }; break;
                case "unknown-deduction": Field(s, "A01.04")["points"]!["deduct"] = "byFeeling"; break;
                case "veto-on-a-number": s["scoring"]!["vetoes"]![0]!["field"] = "A01.01"; break;
                case "no-lowest-grade": s["scoring"]!["grades"]!.AsArray().RemoveAt(3); break;
                case "bonus-named-like-a-field": s["scoring"]!["bonus"]![0]!["code"] = "A01.01"; break;
                default: s.Remove("scoring"); break;
            }
        });

        var errors = SchemeLoader.TryLoad(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Errors;

        Assert.Contains(errors, e => e.Location == location && e.Message.Contains(message, StringComparison.Ordinal));
    }

    private static EvaluationResult Evaluate(Dictionary<string, object> figures) => RuleEngine.For(Example).Evaluate(Values(figures));

    private static Dictionary<string, FieldValue> Values(Dictionary<string, object> figures) =>
        figures.ToDictionary(f => f.Key, f => f.Value is bool b ? FieldValue.Of(b) : FieldValue.Of((decimal)f.Value));

    private static string Mutate(Action<JsonObject> mutate)
    {
        var scheme = JsonNode.Parse(ExampleJson)!.AsObject();
        mutate(scheme);
        return scheme.ToJsonString();
    }

    private static JsonObject Field(JsonObject scheme, string code) =>
        scheme["areas"]!.AsArray().SelectMany(a => a!["fields"]!.AsArray()).Single(f => (string?)f!["code"] == code)!.AsObject();
}
