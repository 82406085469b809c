using System.Globalization;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Core.Texts;

namespace EduDuty.Core.Reports.Rollup;

/// <summary>
/// Builds a region's roll-up report (督导评估综合报告) in the county report's shape, so the same PDF and Word layouts print it:
/// 一、基本情况 (the supervisors' paragraphs), 二、主要成效 (indicators every county meets, by area, with their range),
/// 三、存在的主要问题 (each failing indicator with its counties and values, by area, indicators of one problem group together
/// as the county report groups them), 四、整改要求, and a county × area table of failing indicators.
/// </summary>
public static class RollupBuilder
{
    public const string GridTitle = "各县（市、区）未达标指标分布"; // an attachment: its 附件 mark says so

    /// <summary>
    /// Under a scheme that scores, over the counties that have submitted (a draft's score is not yet a return): "已提交的3个县（市、区）
    /// 自评得分平均为81.5分，最高92分（甲县），最低70.3分（乙县）；按自评得分（含否决项），优秀1个、良好1个、合格1个、不合格0个。" — from
    /// the self-scores the summaries store; null without scores.
    /// </summary>
    public static string? Scores(RegionFacts facts)
    {
        if (facts.Scheme.Scoring is not { } rules) return null;
        var scored = facts.Counties.Where(c => c.Score is not null && c.State is CountyState.Submitted or CountyState.Approved)
            .Select(c => (c.Name, c.Score!.Total, c.Score.Grade)).ToList();
        if (scored.Count == 0) return null;
        string Points(decimal value) => DisplayFormat.Compact(value, rules.Precision);
        var high = scored.MaxBy(c => c.Total);
        var low = scored.MinBy(c => c.Total);
        var grades = string.Join("、", rules.Grades.OrderByDescending(g => g.Min).Select(g => $"{g.Name}{scored.Count(c => c.Grade == g.Name)}个"));
        return $"已提交的{scored.Count}个县（市、区）自评得分平均为{Points(rules.Round(scored.Average(c => c.Total)))}分，" +
               $"最高{Points(high.Total)}分（{high.Name}），最低{Points(low.Total)}分（{low.Name}）；按自评得分（含否决项），{grades}。";
    }

    public static ReportDocument Build(RegionFacts facts, RollupTexts texts, DateOnly fallbackDate)
    {
        var issuer = Blank(texts.Issuer) ?? RollupDefaults.Issuer(facts.Region);
        var body = new List<ReportBlock> { new ReportHeading(1, "一、基本情况") };
        Paragraphs(body, facts, texts.Basic ?? RollupDefaults.Basic(facts.Deadline is not null));
        if (Scores(facts) is { } scores) body.Add(Literal(scores));

        body.Add(new ReportHeading(1, "二、主要成效"));
        var met = facts.MetEverywhere.ToList();
        Paragraphs(body, facts, [met.Count == 0 ? RollupDefaults.NoAchievements : Blank(texts.AchievementsLead) ?? RollupDefaults.AchievementsLead]);
        var number = 0;
        foreach (var area in facts.Scheme.EvaluationAreas)
        {
            var fields = met.Where(f => f.AreaKey == area.Key).ToList();
            if (fields.Count == 0) continue;
            body.Add(new ReportHeading(2, $"（{ChineseNumerals.Of(++number)}）{area.NameZh}"));
            body.Add(Literal(string.Join("；", fields.Select(f => Achievement(facts, f))) + "。"));
        }

        body.Add(new ReportHeading(1, "三、存在的主要问题"));
        var failing = facts.FailingSomewhere.ToList();
        Paragraphs(body, facts, [failing.Count == 0 ? RollupDefaults.NoProblems : Blank(texts.ProblemsLead) ?? RollupDefaults.ProblemsLead]);
        number = 0;
        foreach (var area in facts.Scheme.EvaluationAreas)
        {
            var fields = failing.Where(f => f.AreaKey == area.Key).ToList();
            if (fields.Count == 0) continue;
            body.Add(new ReportHeading(2, $"（{ChineseNumerals.Of(++number)}）{area.NameZh}"));
            var item = 0;
            foreach (var group in fields.GroupBy(f => f.Problem?.Group ?? f.Code))
                body.Add(Literal($"{++item}.{string.Join("；", group.Select(f => Problem(facts, f)))}。"));
        }

        body.Add(new ReportHeading(1, "四、整改要求"));
        Paragraphs(body, facts, texts.Requirements ?? RollupDefaults.Requirements);

        return ReportBuilder.Punctuated(new ReportDocument(
            $"{issuer}关于{facts.Year}年度县级人民政府履行教育职责评价情况的报告",
            Blank(texts.Addressee),
            RegionTemplate.RenderOrLiteral(Blank(texts.Intro) ?? RollupDefaults.Intro, facts),
            body,
            issuer,
            ChinaTime.Date(texts.Date ?? fallbackDate),
            [],
            Grid: Grid(facts),
            Subject: "履行教育职责评价综合报告"));
    }

    // "学前三年毛入园率（目标≥90%）已填报的3个县（市、区）均达标，最低91.2%（夏县），最高99.82%（闻喜县）"; with one county,
    // "…已填报的1个县（市、区）达标：闻喜县99.82%".
    private static string Achievement(RegionFacts facts, SchemeField field)
    {
        var values = facts.ValuesOf(field.Code);
        var target = field.Threshold!.Describe(field.Unit).Replace(" ", string.Empty, StringComparison.Ordinal);
        var text = $"{field.NameZh}（目标{target}）已填报的{values.Count}个县（市、区）";
        if (values.Count == 1) return $"{text}达标：{values[0].County.Name}{DisplayFormat.Shown(values[0].Value, field)}";
        return $"{text}均达标，最低{DisplayFormat.Shown(values[0].Value, field)}（{values[0].County.Name}），最高{DisplayFormat.Shown(values[^1].Value, field)}（{values[^1].County.Name}）";
    }

    // "学前三年毛入园率（目标≥90%）未达标的有2个县（市、区）：夏县85.2%、平陆县88%"
    private static string Problem(RegionFacts facts, SchemeField field)
    {
        var target = field.Threshold?.Describe(field.Unit).Replace(" ", string.Empty, StringComparison.Ordinal);
        var counties = facts.FailingIn(field.Code);
        var named = counties.Select(c => c.ValueOf(field.Code) is { } value ? $"{c.Name}{DisplayFormat.Shown(value, field)}" : c.Name);
        return $"{field.NameZh}{(target is null ? string.Empty : $"（目标{target}）")}未达标的有{counties.Count}个县（市、区）：{string.Join("、", named)}";
    }

    // Columns: county, state, one per area (numbered 1–12, the note names them), total.
    private static ReportGrid Grid(RegionFacts facts)
    {
        var areas = facts.Scheme.EvaluationAreas.ToList();
        var width = 0.66 / areas.Count;
        var rows = facts.Counties.Select(c => (IReadOnlyList<string>)
        [
            c.Name,
            c.State.DisplayName(),
            .. areas.Select(a => c.Summary is null ? "—" : Count(c.Summary.FailingCodes.Count(code => facts.Scheme.FindField(code)?.AreaKey == a.Key))),
            c.Summary is null ? "—" : Count(c.Summary.FailingCount),
        ]).ToList();
        var note = "注：表中数字为该县（市、区）在该领域未达标的指标数，“—”为尚未开始填报。领域：" +
                   string.Join("；", areas.Select((a, i) => $"{i + 1}.{a.NameZh}")) + "。";
        return new ReportGrid(GridTitle, ["县（市、区）", "状态", .. areas.Select((_, i) => Count(i + 1)), "合计"],
            [0.15, 0.10, .. areas.Select(_ => width), 0.09], rows, note);

        static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
    }

    private static void Paragraphs(List<ReportBlock> body, RegionFacts facts, IEnumerable<string> paragraphs)
    {
        foreach (var paragraph in paragraphs.SelectMany(p => p.Split('\n')).Select(p => p.Trim()).Where(p => p.Length > 0))
            body.Add(new ReportParagraph(RegionTemplate.RenderOrLiteral(paragraph, facts)));
    }

    private static ReportParagraph Literal(string text) => new(new RenderedText([new TextRun(text, TextRunKind.Literal, null)]));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
