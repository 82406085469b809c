using EduDuty.Core.Rectification;
using EduDuty.Core.Years;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Core.Texts;

namespace EduDuty.Core.Reports;

/// <summary>
/// Builds the report from an evaluation's results and the county's texts, falling back to the scheme's defaults.
/// Section 三 lists the county's problem items, then one automatic item for every failing indicator (or group) that no
/// item names, worded by the indicator's problem template.
/// </summary>
public static partial class ReportBuilder
{
    /// <param name="evidence">The evaluation's evidence, listed after the appendix as its 佐证材料目录 (none: no list).</param>
    public static ReportDocument Build(EvaluationResult evaluation, ReportTexts texts, string county, DateOnly fallbackDate, IReadOnlyList<EvidenceEntry>? evidence = null,
        ReportContext? context = null)
    {
        context ??= ReportContext.None;
        var scheme = evaluation.Scheme;
        var issuer = Blank(texts.Issuer) ?? DefaultIssuer(county);
        var defaults = new DefaultTexts(scheme, county);
        var body = new List<ReportBlock>();
        var omitted = new List<string>();

        var sections = ReportSections.Of(context.Rectification is not null);
        body.Add(new ReportHeading(1, sections.Basic));
        var basicArea = scheme.Areas.FirstOrDefault(a => a.IsBasicFacts);
        var basic = texts.Basic ?? (basicArea is null ? [] : defaults.Area(basicArea));
        // A section whose every written sentence rests on figures not entered says so (one the county left empty stays empty).
        if (Paragraphs(body, omitted, evaluation, basic) == 0 && basic.Any(t => !string.IsNullOrWhiteSpace(t)))
            body.Add(new ReportParagraph(Literal(defaults.SectionWaitsForData)));

        body.Add(new ReportHeading(1, sections.Work));
        var (areaNumber, written) = (0, false);
        foreach (var area in scheme.EvaluationAreas)
        {
            // An area whose every sentence rests on figures not entered yet is left out with its heading; those shown are
            // numbered in turn, so the report never reads （一）（三）.
            var paragraphs = new List<ReportBlock>();
            var source = texts.Areas?.GetValueOrDefault(area.Key) ?? defaults.Area(area);
            written |= source.Any(t => !string.IsNullOrWhiteSpace(t));
            if (Paragraphs(paragraphs, omitted, evaluation, source) == 0) continue;
            body.Add(new ReportHeading(2, $"（{ChineseNumerals.Of(++areaNumber)}）{area.NameZh}"));
            body.AddRange(paragraphs);
        }

        if (areaNumber == 0 && written) body.Add(new ReportParagraph(Literal(defaults.SectionWaitsForData)));

        if (context.Rectification is { } tasks)
        {
            // Last year's problems, as tracked to rectification: before this year's, so the reader sees what was promised first.
            body.Add(new ReportHeading(1, sections.Rectification!));
            body.Add(new ReportParagraph(RectificationSection.Lead(texts.RectificationLead, tasks, context.Today)));
            var item = 0;
            foreach (var task in tasks)
            {
                body.Add(new ReportHeading(2, $"（{ChineseNumerals.Of(++item)}）{task.Problem}"));
                body.Add(new ReportParagraph(new RenderedText([new TextRun(RectificationSection.Describe(task), TextRunKind.Literal, null)])));
            }
        }

        body.Add(new ReportHeading(1, sections.Problems));
        var tally = IndicatorStates.Tally(evaluation);
        var problems = Problems(evaluation, texts.Problems ?? [], defaults).ToList();
        if (problems.Count == 0)
        {
            // Nothing to list: the scheme's lead ("…主要表现为：") would run straight into 四, and "均已达到" is said only when
            // every indicator is judged (a county's own lead, when it typed one, stands only then too).
            Paragraphs(body, omitted, evaluation, [tally.Unknown == 0 ? Blank(texts.ProblemsLead) ?? defaults.NoProblemsLead : defaults.NoProblemsLeadFor(tally)]);
        }
        else
        {
            if (defaults.UnknownBesideProblems(tally) is { } unknown) body.Add(new ReportParagraph(Literal(unknown)));
            Paragraphs(body, omitted, evaluation, [Blank(texts.ProblemsLead) ?? defaults.ProblemsLead]);
        }

        var number = 0;
        foreach (var problem in problems)
        {
            body.Add(new ReportHeading(2, $"（{ChineseNumerals.Of(++number)}）{Render(problem.Heading, evaluation)}"));
            if (string.IsNullOrWhiteSpace(problem.Measures)) continue;
            var measures = Omissions.Apply(Template(problem.Measures).Render(evaluation), omitted);
            if (measures.Runs.Count == 0) continue;
            body.Add(new ReportParagraph(new RenderedText([new("改进措施：", TextRunKind.Literal, null), .. measures.Runs])));
        }

        body.Add(new ReportHeading(1, sections.Plans));
        // Section 四 refers back to 三's problems ("对于上述问题…") only when there are some.
        var plansLead = Blank(texts.PlansLead) ?? defaults.PlansLead;
        if (problems.Count == 0 && plansLead.Contains("上述问题", StringComparison.Ordinal)) plansLead = defaults.NoProblemsPlansLead(tally);
        Paragraphs(body, omitted, evaluation, [plansLead]);
        number = 0;
        foreach (var plan in texts.Plans ?? defaults.Plans)
        {
            var paragraphs = new List<ReportBlock>();
            if (Paragraphs(paragraphs, omitted, evaluation, [plan.Text]) == 0 && !string.IsNullOrWhiteSpace(plan.Text)) continue;
            body.Add(new ReportHeading(2, $"（{ChineseNumerals.Of(++number)}）{Render(plan.Heading, evaluation)}"));
            body.AddRange(paragraphs);
        }

        var intro = Template(Blank(texts.Intro) ?? defaults.Intro).Render(evaluation);
        if (context.Score is { } score)
        {
            // A scheme that scores: the report opens with the self-score, as the provinces' own reports do.
            intro = new RenderedText([.. intro.Runs, new TextRun(score.SelfScoreSentence + "。", TextRunKind.Figure, null)]);
        }

        return Punctuated(new ReportDocument(
            Blank(texts.Title) is { } title ? Render(title, evaluation) : $"{issuer}关于履行教育职责评价工作的自评报告",
            Blank(texts.Addressee),
            intro,
            body,
            issuer,
            ChinaTime.Date(texts.Date ?? fallbackDate),
            Appendix(evaluation, context.LastYear, context.FieldDepartments),
            omitted,
            evidence is { Count: > 0 } ? EvidenceCatalog.Of(scheme, evidence) : null));
    }

    /// <summary>
    /// Every piece of Chinese text the report prints, with full-width punctuation (<see cref="ChinesePunctuation"/>): the one
    /// place a report's words pass before any output, so no ASCII comma between Chinese characters reaches a PDF or DOCX,
    /// whatever the scheme, the seed or a county typed (text figures too: "闻喜中学:15;" prints "闻喜中学：15；"). Numbers keep
    /// their own characters (1,167; 17:40).
    /// </summary>
    internal static ReportDocument Punctuated(ReportDocument report) => report with
    {
        Title = ChinesePunctuation.Normalize(report.Title),
        Addressee = report.Addressee is { } addressee ? ChinesePunctuation.Normalize(addressee) : null,
        Intro = Punctuated(report.Intro),
        Body = report.Body.Select(block => block switch
        {
            ReportHeading h => h with { Content = ChinesePunctuation.Normalize(h.Content) },
            ReportParagraph p => new ReportParagraph(Punctuated(p.Content)),
            _ => block,
        }).ToList(),
        Signature = ChinesePunctuation.Normalize(report.Signature),
        Appendix = report.Appendix.Select(t => t with
        {
            Title = ChinesePunctuation.Normalize(t.Title),
            Rows = t.Rows.Select(r => r with { Name = ChinesePunctuation.Normalize(r.Name) }).ToList(),
            Unfilled = t.Unfilled.Select(n => ChinesePunctuation.Normalize(n)).ToList(),
            Sources = t.Sources.Select(n => ChinesePunctuation.Normalize(n)).ToList(),
        }).ToList(),
        Evidence = report.Evidence?.Select(s => s with { Entries = s.Entries.Select(e => e with { Title = ChinesePunctuation.Normalize(e.Title) }).ToList() }).ToList(),
        Grid = report.Grid is { } grid ? grid with { Note = grid.Note is { } note ? ChinesePunctuation.Normalize(note) : null } : null,
    };

    private static RenderedText Punctuated(RenderedText text)
    {
        var pieces = ChinesePunctuation.NormalizeJoined(
            text.Runs.Select(r => r.Text).ToList(),
            text.Runs.Select(r => r.Kind is TextRunKind.Literal or TextRunKind.Choice or TextRunKind.Figure).ToList());
        return new RenderedText(text.Runs.Select((r, i) => r with { Text = pieces[i] }).ToList());
    }

    /// <summary>Section 三's lead when no indicator fails and the county names no problem (worded for a 县; see <see cref="DefaultTexts"/>).</summary>
    public const string NoProblemsLead = VerdictSentences.AllMet;

    /// <summary>Who signs the report when the county has not said: the county government's office.</summary>
    public static string DefaultIssuer(string county) => $"{county}人民政府办公室";

    /// <summary>The county's items in order, then automatic items for failing indicators no item names.</summary>
    public static IEnumerable<ProblemItem> Problems(EvaluationResult evaluation, IReadOnlyList<ProblemText> items, DefaultTexts defaults) =>
        items.Select(i => new ProblemItem(i.Heading, i.Measures, i.Codes, Automatic: false)).Concat(AutomaticProblems(evaluation, items, defaults));

    /// <summary>
    /// One item for every failing indicator no county item names, worded by its problem template; indicators of one group
    /// (the scheme's <c>problem.group</c>) make one item, worded by the group's first indicator. What the report prints in
    /// section 三 after the county's own items, and what the report page lists as "added automatically".
    /// </summary>
    public static IEnumerable<ProblemItem> AutomaticProblems(EvaluationResult evaluation, IReadOnlyList<ProblemText> items, DefaultTexts defaults)
    {
        var named = items.SelectMany(i => i.Codes).ToHashSet(StringComparer.Ordinal);
        var groups = new HashSet<string>(StringComparer.Ordinal);
        // Failing indicators that make an item of their own or are named by the county's: a conclusion computed from them
        // (A04.14 公用经费达标结论 from A04.08–A04.12) repeats their problem and makes none.
        var itemised = evaluation.Failing.Where(r => r.Field.Problem is not null || named.Contains(r.Field.Code)).Select(r => r.Field.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var failing in evaluation.Failing)
        {
            var field = failing.Field;
            if (named.Contains(field.Code) || field.Problem is not { } template) continue;
            if (ReadsAny(evaluation.Scheme, field, itemised, [])) continue;
            IReadOnlyList<string> codes = [field.Code];
            if (template.Group is { } group)
            {
                if (!groups.Add(group)) continue;
                var first = evaluation.Scheme.Fields.First(f => f.Problem?.Group == group);
                if (named.Contains(first.Code)) continue;
                template = first.Problem!;
                codes = evaluation.Failing.Where(r => r.Field.Problem?.Group == group && !named.Contains(r.Field.Code)).Select(r => r.Field.Code).ToList();
            }

            yield return new ProblemItem(defaults.Local(template.Heading), defaults.Local(template.Measures), codes, Automatic: true);
        }
    }

    // Whether a computed field reads, directly or through other computed fields, one of the codes.
    private static bool ReadsAny(Scheme scheme, SchemeField field, IReadOnlySet<string> codes, HashSet<string> seen)
    {
        if (field.Formula is null) return false;
        foreach (var code in field.Formula.References)
        {
            if (!seen.Add(code)) continue;
            if (codes.Contains(code)) return true;
            if (scheme.FindField(code) is { } read && ReadsAny(scheme, read, codes, seen)) return true;
        }

        return false;
    }

    /// <summary>A county item is stale when it names indicators and every one of them now passes: it may be deleted.</summary>
    public static bool IsStale(ProblemText item, EvaluationResult evaluation) =>
        item.Codes.Count > 0
        && item.Codes.All(c => evaluation.Scheme.FindField(c) is not null && evaluation[c].Status == JudgmentStatus.Pass);

    /// <summary>
    /// One table per area: every indicator that is judged or computed and has a value, with its target and status; those
    /// without a value are named after the table. With last year's evaluation, each row shows last year's value of the same
    /// code and the change beside this year's. With the departments of the entered fields (the report setting
    /// 附录显示各指标的数据来源), each indicator's data source is named after its table (<see cref="DataSources"/>).
    /// </summary>
    private static List<AppendixTable> Appendix(EvaluationResult evaluation, EvaluationResult? lastYear, IReadOnlyDictionary<string, string>? departments) =>
        evaluation.Scheme.Areas
            .Select(area =>
            {
                var shown = evaluation.InArea(area.Key)
                    .Where(r => !r.Field.IsConsistencyCheck && (r.Field.Threshold is not null || !r.Field.Kind.IsInput()))
                    .ToList();
                return new AppendixTable(
                    area.Heading,
                    shown.Where(r => r.HasValue)
                        .Select(r =>
                        {
                            var last = lastYear?.Scheme.FindField(r.Field.Code) is not null && lastYear[r.Field.Code] is { HasValue: true } l ? l : null;
                            return new AppendixRow(
                                r.Field.Code,
                                r.Field.NameZh,
                                DisplayFormat.WithUnit(r.DisplayText, r.Field.Unit),
                                r.Field.Threshold?.Describe(r.Field.Unit) ?? "—",
                                r.Status.DisplayName(),
                                last is null ? null : DisplayFormat.WithUnit(last.DisplayText, last.Field.Unit),
                                YearChange.Between(last?.DisplayNumber, r.DisplayNumber)?.Describe(r.Field));
                        })
                        .ToList(),
                    shown.Where(r => !r.HasValue).Select(r => r.Field.NameZh).ToList(),
                    WithLastYear: lastYear is not null)
                {
                    Sources = departments is null ? [] : shown.Select(r => DataSources.Line(evaluation.Scheme, r.Field, departments)).ToList(),
                };
            })
            .Where(t => t.Rows.Count + t.Unfilled.Count > 0)
            .ToList();

    /// <summary>
    /// Adds the texts' paragraphs with what rests on blanks left out (<see cref="Omissions"/>), and returns how many were added.
    /// Paragraphs the author numbered "1." "2." are numbered again in turn when one of them was left out whole.
    /// </summary>
    private static int Paragraphs(List<ReportBlock> body, List<string> omitted, EvaluationResult evaluation, IEnumerable<string> paragraphs)
    {
        var written = paragraphs.SelectMany(p => p.Split('\n')).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var rendered = written.Select(p => Omissions.Apply(Template(p).Render(evaluation), omitted)).Where(r => r.Runs.Count > 0).ToList();
        if (rendered.Count < written.Count && written.All(p => Numbered().IsMatch(p)))
            rendered = rendered.Select((r, i) => Renumbered(r, i + 1)).ToList();
        body.AddRange(rendered.Select(r => new ReportParagraph(r)));
        return rendered.Count;
    }

    private static RenderedText Renumbered(RenderedText text, int number) =>
        text.Runs.Count > 0 && text.Runs[0] is { Kind: TextRunKind.Literal } first && Numbered().Match(first.Text) is { Success: true } m
            ? new RenderedText([first with { Text = $"{number}.{first.Text[m.Length..]}" }, .. text.Runs.Skip(1)])
            : text;

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]+\.")]
    private static partial System.Text.RegularExpressions.Regex Numbered();

    private static RenderedText Literal(string text) => new([new TextRun(text, TextRunKind.Literal, null)]);

    private static string Render(string text, EvaluationResult evaluation) => RenderText(text, evaluation).ToString();

    /// <summary>A report text with its figures filled in, as the report prints it.</summary>
    public static RenderedText RenderText(string text, EvaluationResult evaluation) => Punctuated(Template(text).Render(evaluation));

    // Texts reaching the builder were checked on save or on reading; a text that still fails to parse is printed as
    // written rather than lost.
    private static TextTemplate Template(string text) =>
        TextTemplate.Parse(text).Template ?? TextTemplate.Parse(text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal)).Template!;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
