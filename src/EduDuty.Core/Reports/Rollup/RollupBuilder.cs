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

    /// <summary>The heading after which every county's conclusion follows, one paragraph each in the counties' order.</summary>
    public const string ConclusionsHeading = "（二）各县（市、区）评价结论";

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

    public static ReportDocument Build(RegionFacts facts, RollupTexts texts) => Build(facts, texts, null);

    /// <summary>
    /// The report with its two county-by-county parts — the counties' conclusions and the county table's rows — for the
    /// counties in <paramref name="window"/> only (of <see cref="RegionFacts.Counties"/>, conclusions numbered as in the whole
    /// report); everything else as in the whole report, which null gives (issue 28: the 综合报告 page builds what it shows).
    /// </summary>
    public static ReportDocument Build(RegionFacts facts, RollupTexts texts, Range? window)
    {
        facts = facts with { IncludeDrafts = texts.IncludeDrafts, RectificationDue = texts.RectificationDue };
        var issuer = Blank(texts.Issuer) ?? RollupDefaults.Issuer(facts.Region);
        var included = facts.Included;
        var body = new List<ReportBlock> { new ReportHeading(1, "一、基本情况"), new ReportHeading(2, "（一）评价组织情况") };
        Paragraphs(body, facts, texts.Basic ?? RollupDefaults.Basic(facts.Deadline is not null));
        if (facts.Excluded.Count > 0) body.Add(Literal(NotIncluded(facts)));
        if (facts.IncludedDrafts.Count > 0)
            body.Add(Literal($"本稿同时汇总了{facts.IncludedDrafts.Count}个县（市、区）尚未提交的草稿数据（{Names(facts.IncludedDrafts)}），仅供征求意见，相关数据以各县（市、区）正式提交的为准。"));
        if (Scores(facts) is { } scores) body.Add(Literal(scores));
        body.Add(new ReportHeading(2, ConclusionsHeading));
        var (skip, take) = window is { } w ? w.GetOffsetAndLength(facts.Counties.Count) : (0, facts.Counties.Count);
        var number = skip;
        for (var i = skip; i < skip + take; i++) body.Add(Literal($"{++number}.{facts.Counties[i].Name}：{Conclusion(facts, facts.Counties[i])}"));

        body.Add(new ReportHeading(1, "二、主要成效"));
        Achievements(body, facts, texts);

        body.Add(new ReportHeading(1, "三、存在的主要问题"));
        var failing = facts.FailingSomewhere.ToList();
        if (included.Count == 0)
            body.Add(Literal("尚无县（市、区）提交自评报告，本报告暂不对存在的问题作出判断。"));
        else
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

        var unknown = included.Where(c => c.Unfilled > 0).ToList();
        if (unknown.Count > 0)
            body.Add(Literal($"纳入汇总的县（市、区）中，{string.Join("、", unknown.Select(c => $"{c.Name}{c.Unfilled}项"))}必填数据尚未填报，相关指标未作判断，未计入达标。"));
        if (facts.Excluded.Count > 0 && included.Count > 0)
            body.Add(Literal($"另有{facts.Excluded.Count}个县（市、区）（{Names(facts.Excluded)}）未纳入汇总，其存在的问题未作判断。"));

        body.Add(new ReportHeading(1, "四、整改要求"));
        Paragraphs(body, facts, texts.Requirements ?? RollupDefaults.Requirements);

        var document = ReportBuilder.Punctuated(new ReportDocument(
            $"{issuer}关于{facts.Year}年度县级人民政府履行教育职责评价情况的报告",
            Blank(texts.Addressee) ?? RollupDefaults.Addressee(facts.Superior),
            RegionTemplate.RenderOrLiteral(Blank(texts.Intro) ?? RollupDefaults.Intro, facts),
            body,
            issuer,
            texts.Date is { } date ? ChinaTime.Date(date) : RollupDefaults.DatePrompt,
            [],
            Grid: Grid(facts, skip, take),
            Subject: "履行教育职责评价综合报告"));
        return facts.IncludeDrafts
            ? document with { Notice = facts.IncludedDrafts.Count > 0 ? RollupDefaults.ConsultationNotice(facts.IncludedDrafts.Count) : RollupDefaults.ConsultationMark, NoticeMark = RollupDefaults.ConsultationMark }
            : document;
    }

    /// <summary>
    /// A county's conclusion: under a scheme that scores its verified score and grade (the self-score, said to be unverified,
    /// until review verifies one); otherwise its failing indicators and the required figures it left blank (unknown, never met).
    /// A county left out of the sums says why.
    /// </summary>
    public static string Conclusion(RegionFacts facts, RollupCounty county)
    {
        if (county.State == CountyState.NotStarted || county.Summary is null) return "未开始填报，未纳入汇总。";
        var filled = county.Summary is { } s ? $"已填报必填数据{s.RequiredFilled}/{s.Required}项" : "尚未填报数据";
        if (!facts.IsIncluded(county))
        {
            return county.State == CountyState.Returned
                ? $"已退回修改，尚未重新提交，{filled}，未纳入汇总。"
                : county.IsDraftWithFigures ? $"尚未提交自评报告（草稿），{filled}，未纳入汇总。" : "尚未开始填报，未纳入汇总。";
        }

        var state = county.State switch
        {
            CountyState.Approved => "审核通过",
            CountyState.Submitted => "已提交，待审核",
            CountyState.Returned => "退回修改中（草稿数据）",
            _ => "尚未提交（草稿数据）",
        };
        if (facts.Scheme.Scoring is { } rules && (county.Verified ?? county.Score) is { } score)
        {
            return county.Verified is not null
                ? $"{state}，核定得分{score.Points(rules)}分，等级为{score.Grade}。"
                : $"{state}，自评得分{score.Points(rules)}分（{score.Grade}），得分尚待核定。";
        }

        var failing = county.Summary!.FailingCount > 0 ? $"{county.Summary.FailingCount}项评价指标未达标" : "已判断的评价指标均达到目标要求";
        return county.Unfilled > 0 ? $"{state}，{failing}；{county.Unfilled}项必填数据未填报，相关指标未作判断。" : $"{state}，{failing}。";
    }

    // 二、主要成效: what the included counties achieved together — money totals and averages, then the key rates' distribution
    // (median, lowest and highest with their counties) by area — never one county's figure standing for the region.
    private static void Achievements(List<ReportBlock> body, RegionFacts facts, RollupTexts texts)
    {
        var included = facts.Included;
        if (included.Count == 0)
        {
            body.Add(Literal("尚无县（市、区）提交自评报告，暂无可汇总的评价结果。"));
            return;
        }

        if (included.Count == 1)
        {
            body.Add(Literal($"目前仅{included[0].Name}1个县（市、区）纳入汇总，暂不作跨县（市、区）的统计比较，其评价结论见本报告第一部分。"));
            return;
        }

        Paragraphs(body, facts, [Blank(texts.AchievementsLead) ?? RollupDefaults.AchievementsLead]);
        var money = Spending(facts).ToList();
        var number = 0;
        if (money.Count > 0)
        {
            body.Add(new ReportHeading(2, $"（{ChineseNumerals.Of(++number)}）教育经费投入"));
            body.Add(Literal(string.Join("；", money) + "。"));
        }

        var judged = facts.Scheme.Fields.Where(f => f.IsJudged && facts.HasValue(f.Code)).ToList();
        var met = facts.MetEverywhere.Count();
        body.Add(new ReportHeading(2, $"（{ChineseNumerals.Of(++number)}）主要指标达成情况"));
        body.Add(Literal($"纳入汇总的{included.Count}个县（市、区）已填报的量化评价指标共{judged.Count}项，其中{met}项各县（市、区）均达到目标要求。主要比率指标的分布如下："));
        var item = 0;
        foreach (var area in facts.Scheme.EvaluationAreas)
        {
            var rates = facts.KeyRates.Where(f => f.AreaKey == area.Key && facts.ValuesOf(f.Code).Count >= 2).Select(f => Distribution(facts, f)).ToList();
            if (rates.Count > 0) body.Add(Literal($"{++item}.{area.NameZh}：{string.Join("；", rates)}。"));
        }
    }

    // "一般公共预算教育支出（本期）合计106578万元，平均每县（市、区）53289万元": totals and averages of the amounts in 万元 that
    // two or more counties entered, then the judged money standards.
    private static IEnumerable<string> Spending(RegionFacts facts)
    {
        foreach (var field in RegionFacts.AmountFields(facts.Scheme))
        {
            if (facts.AmountTotal(field.Code) is not { Count: >= 2 } total) continue; // one county's amount is no total
            var of = total.Count == facts.Included.Count ? string.Empty : $"（{total.Count}个县（市、区）填报）";
            yield return $"{Name(field)}合计{Money(total.Sum)}万元，平均每县（市、区）{Money(total.Sum / total.Count)}万元{of}"; // the mean as Average() makes it
        }

        foreach (var field in facts.Scheme.Fields.Where(f => f.IsJudged && f.Unit is { } unit && unit.StartsWith('元')))
            if (facts.ValuesOf(field.Code).Count >= 2) yield return Distribution(facts, field, average: true);

        static string Money(decimal value) => DisplayFormat.Compact(Math.Round(value, 2, MidpointRounding.AwayFromZero), 2);
    }

    // "学前三年毛入园率中位数95.2%，最低91.2%（夏县），最高99.82%（闻喜县）" or "…各县（市、区）均为100%".
    private static string Distribution(RegionFacts facts, SchemeField field, bool average = false)
    {
        var values = facts.ValuesOf(field.Code);
        string Shown(decimal value) => DisplayFormat.Shown(value, field);
        if (values[0].Value == values[^1].Value) return $"{Name(field)}各县（市、区）均为{Shown(values[0].Value)}";
        var centre = average
            ? $"平均{Shown(Math.Round(values.Average(v => v.Value), field.Precision ?? 2, MidpointRounding.AwayFromZero))}"
            : $"中位数{Shown(facts.Median(field.Code)!.Value)}";
        return $"{Name(field)}{centre}，最低{Shown(values[0].Value)}（{Ends(values, values[0].Value)}），最高{Shown(values[^1].Value)}（{Ends(values, values[^1].Value)}）";
    }

    // The counties at one end: every county sharing the lowest (or highest) value.
    private static string Ends(IReadOnlyList<(RollupCounty County, decimal Value)> values, decimal end) =>
        string.Join("、", values.Where(v => v.Value == end).Select(v => v.County.Name));

    private static string Name(SchemeField field) => field.NameZh.Replace("(", "（", StringComparison.Ordinal).Replace(")", "）", StringComparison.Ordinal);

    private static string NotIncluded(RegionFacts facts)
    {
        var notStarted = facts.Excluded.Where(c => c.State == CountyState.NotStarted || !c.IsDraftWithFigures && c.State != CountyState.Returned).ToList();
        var pending = facts.Excluded.Except(notStarted).ToList();
        var parts = new List<string>();
        if (pending.Count > 0) parts.Add($"{Names(pending)}{pending.Count}个县（市、区）尚未提交自评报告");
        if (notStarted.Count > 0) parts.Add($"{Names(notStarted)}{notStarted.Count}个县（市、区）尚未开始填报");
        return $"{string.Join("，", parts)}，其数据未纳入本报告的汇总和判断。";
    }

    // "学前三年毛入园率（目标≥90%）未达标的有2个县（市、区）：夏县85.2%、平陆县88%"
    private static string Problem(RegionFacts facts, SchemeField field)
    {
        var target = field.Threshold?.Describe(field.Unit).Replace(" ", string.Empty, StringComparison.Ordinal);
        var counties = facts.FailingIn(field.Code);
        var values = facts.FailingValuesIn(field.Code);
        var named = counties.Select((c, i) => values[i] is { } value ? $"{c.Name}{DisplayFormat.Shown(value, field)}" : c.Name);
        return $"{field.NameZh}{(target is null ? string.Empty : $"（目标{target}）")}未达标的有{counties.Count}个县（市、区）：{string.Join("、", named)}";
    }

    private static string Names(IEnumerable<RollupCounty> counties) => string.Join("、", counties.Select(c => c.Name));

    // Columns: county, state (three characters a line: 已提交 whole, 未开始填报 in two), one per area (numbered 1–12, the note names them), failing in all, required figures left blank.
    // A county left out of the sums is "—" throughout: never 0, which would read as nothing failing.
    private static ReportGrid Grid(RegionFacts facts, int skip, int take)
    {
        var areas = facts.Scheme.EvaluationAreas.ToList();
        var width = 0.645 / areas.Count; // two digits on one line (8.4 mm each on the 156 mm type area)
        var column = areas.Select((a, i) => (a.Key, i)).ToDictionary(a => a.Key, a => a.i, StringComparer.Ordinal);
        var areaOf = facts.Scheme.Fields.Where(f => column.ContainsKey(f.AreaKey)).ToDictionary(f => f.Code, f => column[f.AreaKey], StringComparer.Ordinal);
        IEnumerable<string> PerArea(RollupCounty county)
        {
            var cells = new int[areas.Count];
            foreach (var code in county.Summary!.FailingCodes)
                if (areaOf.TryGetValue(code, out var i)) cells[i]++;
            return cells.Select(Count);
        }

        var rows = facts.Counties.Skip(skip).Take(take).Select(c => (IReadOnlyList<string>)(facts.IsIncluded(c)
            ? [c.Name, c.StateText, .. PerArea(c), Count(c.Summary!.FailingCount), Count(c.Unfilled)]
            : [c.Name, c.StateText, .. areas.Select(_ => "—"), "—", "—"])).ToList();
        var note = "注：表中数字为该县（市、区）在该领域未达标的指标数，“未填”为未填报的必填数据项数（相关指标未作判断）；“—”为未纳入汇总（尚未提交或尚未开始填报）。领域：" +
                   string.Join("；", areas.Select((a, i) => $"{i + 1}.{a.NameZh}")) + "。";
        return new ReportGrid(GridTitle, ["县（市、区）", "状态", .. areas.Select((_, i) => Count(i + 1)), "合计", "未填"],
            [0.13, 0.105, .. areas.Select(_ => width), 0.06, 0.06], rows, note);

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
