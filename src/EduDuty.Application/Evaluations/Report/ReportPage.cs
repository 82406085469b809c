using EduDuty.Core.Rectification;
using System.Text.Json;
using EduDuty.Core.Reports;
using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Core.Texts;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Report;

/// <summary>
/// The report as the report page shows it: the stored settings as a form, the report built from what is stored, and the
/// automatic 存在问题 items exactly as section 三 prints them.
/// </summary>
/// <param name="TypedFigures">Figures the county typed into its texts where the data for them is missing.</param>
/// <param name="Rectification">Last year's rectification tasks, which the report tells in 上年度问题整改情况; null: no such section.</param>
/// <param name="Length">The body's characters against the scheme's limit (issue 25).</param>
public sealed record ReportView(ReportForm Form, ReportDocument Document, IReadOnlyList<AutomaticProblem> AutomaticProblems, IReadOnlyList<FlaggedFigure> TypedFigures,
    IReadOnlyList<RectificationItem>? Rectification, ReportLength Length)
{
    /// <summary>The frozen editions, newest first (decision 0030); empty before the first submission.</summary>
    public IReadOnlyList<Reports.Editions.EditionInfo> Editions { get; init; } = [];

    /// <summary>The edition a download serves now: the newest, while the evaluation is submitted or approved; null: a draft.</summary>
    public Reports.Editions.EditionInfo? Current { get; init; }
}

/// <summary>A typed figure with its sentence as the report prints it (placeholders filled in, Chinese punctuation).</summary>
public sealed record FlaggedFigure(TypedFigure Figure, RenderedText Sentence);

/// <summary>An item the report adds by itself for failing indicators: its heading as printed, and the indicators it covers.</summary>
public sealed record AutomaticProblem(RenderedText Heading, IReadOnlyList<string> Codes);

/// <summary>Reads a county's report texts and builds the report from them (the scheme's defaults where the county wrote nothing).</summary>
public sealed class ReportPage(EduDutyDbContext db, PreviousYear previousYear, Rectification.RectificationTasks rectification, Scores.ScoreQuery scores, Reports.Editions.EditionQueries editions, TimeProvider clock,
    WorkspacePageLoader pages)
{
    /// <summary>What the report is dated and worded from besides the workspace, read with its header on the page GET.</summary>
    public sealed class Stored
    {
        public ReportSettings? Settings { get; init; }

        public DateTime? SubmittedAtUtc { get; init; }

        public DateTime? ApprovedAtUtc { get; init; }
    }

    /// <summary>
    /// The report page GET: the workspace with the settings and dates (one statement), this year's and last year's figures with
    /// the texts (one), the evidence list and the editions; last year's tasks and the scores only where there are any.
    /// </summary>
    public async Task<(Workspace Workspace, ReportView View)?> PageAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        var load = await pages.LoadAsync(id, actor, h => new Stored
        {
            Settings = db.ReportSettings.Where(r => r.EvaluationId == h.Id).FirstOrDefault(),
            SubmittedAtUtc = db.Evaluations.Where(e => e.Id == h.Id).Select(e => e.SubmittedAtUtc).FirstOrDefault(),
            ApprovedAtUtc = db.EvaluationTransitions.Where(t => t.EvaluationId == h.Id && t.To == EvaluationStatus.Approved).Max(t => (DateTime?)t.AtUtc),
        }, lastYearFigures: true, cancellationToken);
        if (load is null) return null;
        var tasks = load.LastYear is null ? null : await rectification.ItemsOfAsync(load.LastYear.EvaluationId, cancellationToken);
        return (load.Workspace, await ViewAsync(load.Workspace, await BuildAsync(load.Workspace, load.Extra, load.LastYear, tasks, cancellationToken), cancellationToken));
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The file a county's report downloads as: "闻喜县2021年度履行教育职责自评报告.pdf".</summary>
    public static string FileName(Workspace workspace, string extension) => FileName(workspace.County, workspace.Year, extension);

    /// <summary>The same name from the county's name and the year (the public page has no workspace).</summary>
    public static string FileName(string county, int year, string extension) => $"{county}{year}年度履行教育职责自评报告.{extension}";

    public async Task<ReportView> LoadAsync(Workspace workspace, CancellationToken cancellationToken) =>
        await ViewAsync(workspace, await BuildAsync(workspace, cancellationToken), cancellationToken);

    private async Task<ReportView> ViewAsync(Workspace workspace, (ReportDocument Document, ReportSettings? Settings, ReportTexts Texts, ReportContext Context) built, CancellationToken cancellationToken)
    {
        var (document, settings, texts, context) = built;
        var automatic = ReportBuilder.AutomaticProblems(workspace.Result, texts.Problems ?? [], workspace.Defaults)
            .Select(p => new AutomaticProblem(ReportBuilder.RenderText(p.Heading, workspace.Result), p.Codes))
            .ToList();
        var typed = workspace.Scheme.Areas
            .SelectMany(a => TypedFigures.Find(workspace.Result, a.Key, workspace.NarrativeText(a)))
            .Select(f => new FlaggedFigure(f, ReportBuilder.RenderText(f.Sentence, workspace.Result)))
            .ToList();
        var frozen = await editions.ListAsync(workspace.Id, cancellationToken);
        return new ReportView(FormFor(workspace, settings, texts), document, automatic, typed, context.Rectification, ReportLength.Of(document, workspace.Scheme.ReportMaxLength))
        {
            Editions = frozen,
            Current = Reports.Editions.ReportDownloads.IsFrozen(workspace.Status) ? frozen.FirstOrDefault() : null,
        };
    }

    /// <summary>
    /// The body's length against the scheme's limit, from what is stored now; null when the scheme sets no limit (then nothing
    /// is built: a submission under SX-2021 pays nothing for it).
    /// </summary>
    public async Task<ReportLength?> LimitedLengthAsync(Workspace workspace, CancellationToken cancellationToken) =>
        workspace.Scheme.ReportMaxLength is { } limit ? ReportLength.Of(await DocumentAsync(workspace, cancellationToken), limit) : null;

    /// <summary>The report alone, as its PDF prints it (what every county's reports in one ZIP are made of).</summary>
    public async Task<ReportDocument> DocumentAsync(Workspace workspace, CancellationToken cancellationToken) =>
        (await BuildAsync(workspace, cancellationToken)).Document;

    private async Task<(ReportDocument Document, ReportSettings? Settings, ReportTexts Texts, ReportContext Context)> BuildAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var settings = await db.ReportSettings.AsNoTracking().SingleOrDefaultAsync(r => r.EvaluationId == workspace.Id, cancellationToken);
        var submitted = await db.Evaluations.Where(e => e.Id == workspace.Id).Select(e => e.SubmittedAtUtc).SingleAsync(cancellationToken);
        var approved = workspace.Status == EvaluationStatus.Approved
            ? await db.EvaluationTransitions.Where(t => t.EvaluationId == workspace.Id && t.To == EvaluationStatus.Approved)
                .MaxAsync(t => (DateTime?)t.AtUtc, cancellationToken)
            : null;
        // Last year: its figures for the appendix, and the tasks its approval made for 上年度问题整改情况.
        var lastYear = await previousYear.OfAsync(workspace, cancellationToken);
        var tasks = lastYear is null ? null : await rectification.ItemsOfAsync(lastYear.EvaluationId, cancellationToken);
        return await BuildAsync(workspace, new Stored { Settings = settings, SubmittedAtUtc = submitted, ApprovedAtUtc = approved }, lastYear, tasks, cancellationToken);
    }

    private async Task<(ReportDocument Document, ReportSettings? Settings, ReportTexts Texts, ReportContext Context)> BuildAsync(
        Workspace workspace, Stored stored, LastYear? lastYear, IReadOnlyList<RectificationItem>? tasks, CancellationToken cancellationToken)
    {
        var settings = stored.Settings;
        var texts = Compose(workspace, settings);
        // The report's date (ReportDating): typed, else submitted, else approved (with no submission on record), else today.
        var submitted = stored.SubmittedAtUtc;
        var approved = workspace.Status == EvaluationStatus.Approved ? stored.ApprovedAtUtc : null;
        static DateOnly? Day(DateTime? at) => at is { } utc ? ChinaTime.DateOf(ChinaTime.ToChina(utc)) : null;
        var date = ReportDating.Of(settings?.Date, Day(submitted), Day(approved), ChinaTime.Today(clock));
        var evidence = await db.EvidenceFiles.AsNoTracking().Where(f => f.EvaluationId == workspace.Id).OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id)
            .Select(f => new EvidenceEntry(f.AreaKey, f.Title, f.DocumentNumber, f.DocumentDate)).ToListAsync(cancellationToken);
        // With 附录显示各指标的数据来源 on (issue 30): who enters each field, for the appendix's data sources.
        var departments = settings?.ShowDataSources == true ? (await Departments.DepartmentParts.LoadAsync(db, workspace, cancellationToken)).DepartmentNamesByCode : null;
        var context = new ReportContext(lastYear?.Result, tasks, ChinaTime.Today(clock), (await scores.LoadAsync(workspace, cancellationToken))?.Self, departments);
        // A report still in the county's hands is a draft: marked 草稿, with no date that could pass for the final one.
        var document = ReportBuilder.Build(workspace.Result, texts, workspace.County, date, evidence, context) with
        {
            Draft = !Reports.Editions.ReportDownloads.IsFrozen(workspace.Status),
        };
        return (document, settings, texts, context);
    }

    /// <summary>The texts the report is built from: stored where the county wrote them, scheme defaults elsewhere.</summary>
    internal static ReportTexts Compose(Workspace workspace, ReportSettings? settings)
    {
        static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var basic = workspace.Scheme.Areas.FirstOrDefault(a => a.IsBasicFacts);
        return new ReportTexts
        {
            Issuer = settings?.Issuer,
            Addressee = settings?.Addressee,
            Date = settings?.Date,
            Basic = basic is not null && workspace.Narratives.TryGetValue(basic.Key, out var b) ? Lines(b.Text) : null,
            Areas = workspace.Narratives.Values.Where(n => n.AreaKey != basic?.Key).ToDictionary(n => n.AreaKey, n => Lines(n.Text)),
            RectificationLead = settings?.RectificationLead,
            ProblemsLead = settings?.ProblemsLead,
            Problems = settings?.ProblemsJson is { } problems ? JsonSerializer.Deserialize<List<ProblemJson>>(problems, Json)!.Select(p => p.ToText()).ToList() : null,
            PlansLead = settings?.PlansLead,
            Plans = settings?.PlansJson is { } plans ? JsonSerializer.Deserialize<List<PlanJson>>(plans, Json)!.Select(p => new PlanText(p.Heading, p.Text)).ToList() : null,
        };
    }

    private static ReportForm FormFor(Workspace workspace, ReportSettings? settings, ReportTexts texts)
    {
        var defaults = workspace.Defaults;
        return new ReportForm
        {
            Issuer = settings?.Issuer ?? ReportBuilder.DefaultIssuer(workspace.County),
            Addressee = settings?.Addressee,
            Date = settings?.Date is { } date ? ChinaTime.IsoDate(date) : null,
            RectificationLead = texts.RectificationLead ?? RectificationSection.DefaultLead,
            ProblemsLead = texts.ProblemsLead ?? defaults.ProblemsLead,
            Problems = (texts.Problems ?? []).Select((p, i) => new ProblemInput { Heading = p.Heading, Measures = p.Measures, Codes = string.Join(", ", p.Codes), Order = i + 1 }).ToList(),
            PlansLead = texts.PlansLead ?? defaults.PlansLead,
            Plans = (texts.Plans ?? defaults.Plans).Select((p, i) => new PlanInput { Heading = p.Heading, Text = p.Text, Order = i + 1 }).ToList(),
            ShowDataSources = settings?.ShowDataSources ?? false,
            Version = settings?.Version ?? 0,
        };
    }

    internal sealed record ProblemJson(string Heading, string Measures, IReadOnlyList<string> Codes)
    {
        public static ProblemJson From(ProblemText p) => new(p.Heading, p.Measures, p.Codes);

        public ProblemText ToText() => new(Heading, Measures, Codes ?? []);
    }

    internal sealed record PlanJson(string Heading, string Text);
}
