using System.Text.Json;
using EduDuty.Application.Administration;
using EduDuty.Application.Evaluations.Report;
using EduDuty.Application.Excel;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Reports;
using EduDuty.Core.Reports.Rollup;
using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Core.Text;
using EduDuty.Core.Texts;
using EduDuty.Data;
using EduDuty.Data.Entities;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Oversight.Rollup;

/// <summary>The roll-up report page: the choices, the selection (or why not), the report, and the texts as a form.</summary>
/// <param name="Facts">What the report is built from: a save checks its texts against the same scheme and defaults.</param>
/// <param name="Texts">The texts the region's supervisors saved (defaults where they wrote nothing).</param>
public sealed record RollupView(CountiesExportOptions Options, CountiesExport? Selection, string? Refusal, RollupForm Form, RegionFacts? Facts = null, RollupTexts? Texts = null)
{
    private ReportDocument? _document;

    /// <summary>
    /// The whole report (every county's conclusion and table row: the downloads), built when first asked for — the page
    /// builds only its own counties' parts (<see cref="RollupPreview.Of(RegionFacts, RollupTexts, int)"/>); null without a selection.
    /// </summary>
    public ReportDocument? Document => Facts is null || Texts is null ? null : _document ??= RollupBuilder.Build(Facts, Texts);

    /// <summary>A page of the report as the 综合报告 page shows it, or not found when there is no such page.</summary>
    public Outcome<RollupPreview> Preview(int page) => RollupPreview.Of(Facts!, Texts!, page);

    public string FileName(string extension) => $"{Selection!.RegionName}{Selection.Year}年度履行教育职责评价综合报告.{extension}";
}

/// <summary>
/// A region's roll-up report (综合报告, <see cref="RollupBuilder"/>) for supervisors and admins within their region: built from
/// the counties' stored summaries with the texts the region's supervisors saved (defaults where they wrote nothing).
/// </summary>
public sealed class RollupReports(EduDutyDbContext db, CountiesWorkbookExport export, RegionCountiesQuery regionCounties)
{
    public async Task<RollupView> LoadAsync(Actor actor, int? year, int? schemeId, string? regionCode, CancellationToken cancellationToken)
    {
        var options = await export.OptionsAsync(actor, cancellationToken);
        var (selection, refusal) = await export.ResolveAsync(actor, year, schemeId, regionCode, cancellationToken);
        if (selection is null) return new RollupView(options, null, refusal, new RollupForm());

        var stored = await StoredAsync(selection, cancellationToken);
        var texts = stored is null ? new RollupTexts() : JsonSerializer.Deserialize<RollupTexts>(stored.TextsJson, ReportPage.Json)!;
        var facts = (await FactsAsync(selection, cancellationToken)) with { IncludeDrafts = texts.IncludeDrafts };
        return new RollupView(options, selection, null, FormOf(selection, facts, texts, stored?.Version ?? 0), facts, texts);
    }

    /// <summary>
    /// The facts the report is written from: every county of the region with its state and summary (read for the roll-up:
    /// <see cref="RegionCountiesQuery.LoadForRollupAsync"/>), the amounts in 万元 of the evaluations opened summed by the
    /// database per code and state (one statement over their figures: a summary keeps judged numbers only), the evidence files
    /// and returns the portal counted, and the office above the region. The evaluations are found by the region's path, year and
    /// scheme (a join), never by a list of thousands of ids (issue 28).
    /// </summary>
    private async Task<RegionFacts> FactsAsync(CountiesExport selection, CancellationToken cancellationToken)
    {
        var loaded = await regionCounties.LoadForRollupAsync(selection, cancellationToken);
        var codes = RegionFacts.AmountFields(loaded.Scheme).Select(f => f.Code).ToList();
        var evaluations = Evaluations(selection);
        // Summed by the database (issue 28, second round): per code, evaluation status and whether figures are entered — what
        // decides whether a county is summed up (RegionFacts.Includes) — not one row per county and amount.
        var amounts = (await (from f in db.FigureValues.AsNoTracking()
                              join e in evaluations on f.EvaluationId equals e.Id
                              join s0 in db.Summaries on (int?)e.Id equals (int?)s0.EvaluationId into summarised
                              from s in summarised.DefaultIfEmpty()
                              where codes.Contains(f.FieldCode) && f.Number != null
                              group f.Number by new { f.FieldCode, e.Status, HasFigures = s != null && s.RequiredFilled + s.OptionalFilled > 0 } into g
                              select new { g.Key.FieldCode, g.Key.Status, g.Key.HasFigures, Sum = g.Sum(n => n!.Value), Count = g.Count() })
                .ToListAsync(cancellationToken))
            .Select(g => new RollupAmounts(g.FieldCode, CountyStates.Of(g.Status), g.HasFigures, g.Sum, g.Count)).ToList();
        var evidence = await db.EvidenceFiles.CountAsync(f => evaluations.Any(e => e.Id == f.EvaluationId), cancellationToken);
        var returns = await db.EvaluationTransitions.CountAsync(t => t.Action == ReviewAction.Return && evaluations.Any(e => e.Id == t.EvaluationId), cancellationToken);
        var parent = await db.Regions.Where(r => r.Path == selection.RegionPath).Select(r => r.Parent == null ? null : r.Parent.Name).SingleOrDefaultAsync(cancellationToken);
        return new RegionFacts(selection.RegionName, selection.Year, loaded.Scheme, loaded.Due,
            loaded.Counties.Select(c => new RollupCounty(c.Name, c.State, c.Overdue, c.Summary) { Score = c.Score, Verified = c.Verified }).ToList())
        {
            AmountGroups = amounts,
            Process = new RollupProcess(evidence, returns),
            Superior = RollupDefaults.SuperiorOf(parent),
        };
    }

    // The evaluations of the region's active counties (those RegionCountiesQuery reads) in the selected year and scheme.
    private IQueryable<Evaluation> Evaluations(CountiesExport selection)
    {
        var counties = db.Regions.Under(r => r.Path, selection.RegionPath).Where(r => r.Level == RegionLevel.County && r.IsActive);
        return db.Evaluations.Where(e => e.Year == selection.Year && e.SchemeId == selection.SchemeId && counties.Any(r => r.Id == e.CountyId));
    }

    internal Task<RollupReport?> StoredAsync(CountiesExport selection, CancellationToken cancellationToken) =>
        db.RollupReports.SingleOrDefaultAsync(r => db.Regions.Any(g => g.Id == r.RegionId && g.Path == selection.RegionPath)
            && r.Year == selection.Year && r.SchemeId == selection.SchemeId, cancellationToken);

    // The form shows what the report prints: the saved text, or the default to start from.
    private static RollupForm FormOf(CountiesExport selection, RegionFacts facts, RollupTexts texts, int version) => new()
    {
        Issuer = texts.Issuer ?? RollupDefaults.Issuer(selection.RegionName),
        Addressee = texts.Addressee ?? RollupDefaults.Addressee(facts.Superior),
        Date = texts.Date is { } date ? ChinaTime.IsoDate(date) : null,
        RectificationDue = texts.RectificationDue is { } due ? ChinaTime.IsoDate(due) : null,
        IncludeDrafts = texts.IncludeDrafts,
        Intro = texts.Intro ?? RollupDefaults.Intro,
        Basic = string.Join('\n', texts.Basic ?? RollupDefaults.Basic(facts.Deadline is not null)),
        AchievementsLead = texts.AchievementsLead ?? RollupDefaults.AchievementsLead,
        ProblemsLead = texts.ProblemsLead ?? RollupDefaults.ProblemsLead,
        Requirements = string.Join('\n', texts.Requirements ?? RollupDefaults.Requirements),
        Version = version,
    };
}

/// <summary>
/// Saves a region's roll-up texts: well-formed (<see cref="RollupFormValidator"/>), every placeholder known to the scheme, the
/// version unchanged since the form was read (else a conflict, nothing saved), recorded in the admin audit in the same
/// transaction on the <see cref="WriteExecutor"/>.
/// </summary>
public sealed class SaveRollupTexts(EduDutyDbContext db, RollupReports reports, IValidator<RollupForm> validator, AdminAuditLog audit, WriteExecutor executor, TimeProvider clock)
{
    /// <param name="view">The report as loaded for the actor (<see cref="RollupReports.LoadAsync"/>), with a selection.</param>
    /// <returns>Done with whether anything changed; invalid with every problem; a conflict when someone saved meanwhile.</returns>
    public async Task<Outcome<bool>> HandleAsync(Actor actor, RollupView view, RollupForm form, CancellationToken cancellationToken)
    {
        var (selection, facts) = (view.Selection!, view.Facts!);
        var validation = await validator.ValidateAsync(form, cancellationToken);
        if (!validation.IsValid)
            return Outcome.Invalid(validation.Errors.DistinctBy(e => e.ErrorMessage).Select(e => new FieldProblem(e.PropertyName, e.ErrorMessage)).ToList());
        var region = await db.Regions.Where(r => r.Path == selection.RegionPath).Select(r => new { r.Id }).SingleOrDefaultAsync(cancellationToken);
        if (region is null) return Outcome.Invalid(Messages.RollupNeedsRegion);

        // A text left as its default is stored as null, so that it follows the default (and the region's name) later.
        var texts = new RollupTexts
        {
            Issuer = Unless(Line(form.Issuer), RollupDefaults.Issuer(selection.RegionName)),
            Addressee = Unless(Line(form.Addressee), RollupDefaults.Addressee(facts.Superior)),
            Date = ChinaTime.ParseIsoDate(form.Date),
            RectificationDue = ChinaTime.ParseIsoDate(form.RectificationDue),
            IncludeDrafts = form.IncludeDrafts,
            Intro = Unless(Typed(form.Intro), RollupDefaults.Intro),
            Basic = Unless(Paragraphs(form.Basic), RollupDefaults.Basic(facts.Deadline is not null)),
            AchievementsLead = Unless(Typed(form.AchievementsLead), RollupDefaults.AchievementsLead),
            ProblemsLead = Unless(Typed(form.ProblemsLead), RollupDefaults.ProblemsLead),
            Requirements = Unless(Paragraphs(form.Requirements), RollupDefaults.Requirements),
        };
        var errors = Dates(texts, selection.Year).ToList();
        errors.AddRange(new[] { ("开头语", texts.Intro), ("主要成效引导语", texts.AchievementsLead), ("存在问题引导语", texts.ProblemsLead) }
            .Concat((texts.Basic ?? []).Select((p, i) => ($"基本情况第 {i + 1} 段", (string?)p)))
            .Concat((texts.Requirements ?? []).Select((p, i) => ($"整改要求第 {i + 1} 段", (string?)p)))
            .Where(t => t.Item2 is not null)
            .SelectMany(t => RegionTemplate.Parse(t.Item2!, facts.Scheme).Errors.Select(e => new FieldProblem(t.Item1, $"{t.Item1}：{e}"))));
        if (errors.Count > 0) return Outcome.Invalid(errors);

        var json = JsonSerializer.Serialize(texts, ReportPage.Json);
        var outcome = await executor.ExecuteAsync<bool>($"roll-up texts of {selection.RegionPath} {selection.Year} by {actor.Id}", async (run, ct) =>
        {
            var stored = await reports.StoredAsync(selection, ct);
            if ((stored?.Version ?? 0) != form.Version) return Outcome.Conflict(Messages.RollupMoved);
            if (stored?.TextsJson == json)
            {
                run.Discard();
                return Outcome.Done(false);
            }

            var before = stored?.TextsJson;
            if (stored is null)
            {
                stored = new RollupReport { RegionId = region.Id, Year = selection.Year, SchemeId = selection.SchemeId, TextsJson = json };
                db.RollupReports.Add(stored);
            }

            stored.TextsJson = json;
            stored.Version++;
            stored.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            stored.UpdatedByUserId = actor.Id;
            audit.Add(actor, AdminAction.RollupReport, $"{selection.RegionName} {selection.Year} 年度综合报告", before, json, selection.RegionPath);
            return Outcome.Done(true);
        }, cancellationToken);
        // The version moved under the save (logged by the executor): someone saved meanwhile. The first texts of a report saved
        // twice at the same moment (the unique region-year-scheme) are a failed save the executor logs: saving again finds the
        // other's version and says so.
        return outcome.Kind == OutcomeKind.Conflict ? Outcome.Conflict(Messages.RollupMoved) : outcome;
    }

    /// <summary>
    /// The report's dates against its year: a date before the year it reports on or more than <see cref="MaxYearsAfter"/> years
    /// after it is a typing slip (0221 for 2021), and the rectification report cannot be due before the report is dated.
    /// </summary>
    private static IEnumerable<FieldProblem> Dates(RollupTexts texts, int year)
    {
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year + MaxYearsAfter, 12, 31));
        var range = $"{ChinaTime.Date(first)}至{ChinaTime.Date(last)}";
        if (texts.Date is { } date && (date < first || date > last))
            yield return new FieldProblem(nameof(RollupForm.Date), $"成文日期 {ChinaTime.IsoDate(date)} 不在 {range} 之间：请核对年份");
        if (texts.RectificationDue is { } due && (due < first || due > last))
            yield return new FieldProblem(nameof(RollupForm.RectificationDue), $"整改报告报送日期 {ChinaTime.IsoDate(due)} 不在 {range} 之间：请核对年份");
        else if (texts.RectificationDue is { } after && texts.Date is { } dated && after < dated)
            yield return new FieldProblem(nameof(RollupForm.RectificationDue), $"整改报告报送日期 {ChinaTime.IsoDate(after)} 早于成文日期 {ChinaTime.IsoDate(dated)}：请填写成文日期之后的日期");
    }

    /// <summary>How many years after the reported year a roll-up may still be dated.</summary>
    public const int MaxYearsAfter = 5;

    private static string? Unless(string? text, string fallback) => text == fallback ? null : text;

    private static IReadOnlyList<string>? Unless(IReadOnlyList<string>? texts, IReadOnlyList<string> fallback) =>
        texts is not null && texts.SequenceEqual(fallback, StringComparer.Ordinal) ? null : texts;

    private static string? Line(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Typed(string? text) => string.IsNullOrWhiteSpace(text) ? null : TextTemplate.FromTyped(text.Trim());

    private static IReadOnlyList<string>? Paragraphs(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0).Select(TextTemplate.FromTyped).ToList();
}
