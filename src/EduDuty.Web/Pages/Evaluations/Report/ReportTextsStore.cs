using System.Text.Json;
using EduDuty.Core.Reports;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Pages.Evaluations.Report;

public enum ReportSaveStatus { Saved, Invalid, Conflict, Forbidden }

public sealed record ReportSaveResult(ReportSaveStatus Status, IReadOnlyList<string> Errors);

/// <summary>
/// Reads and writes a county's report texts. The report is made from the stored area texts (section 二 and 基本情况) and
/// the report settings; a save is checked like every other (placeholders, concurrency) and audited.
/// </summary>
public sealed class ReportTextsStore(EduDutyDbContext db, CurrentUser user, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public Task<ReportSettings?> LoadAsync(int evaluationId, CancellationToken cancellationToken) =>
        db.ReportSettings.AsNoTracking().SingleOrDefaultAsync(r => r.EvaluationId == evaluationId, cancellationToken);

    /// <summary>The texts the report is built from: stored where the county wrote them, scheme defaults elsewhere.</summary>
    public static ReportTexts Compose(Workspace.Workspace workspace, ReportSettings? settings)
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
            ProblemsLead = settings?.ProblemsLead,
            Problems = settings?.ProblemsJson is { } problems ? JsonSerializer.Deserialize<List<ProblemJson>>(problems, Json)!.Select(p => p.ToText()).ToList() : null,
            PlansLead = settings?.PlansLead,
            Plans = settings?.PlansJson is { } plans ? JsonSerializer.Deserialize<List<PlanJson>>(plans, Json)!.Select(p => new PlanText(p.Heading, p.Text)).ToList() : null,
        };
    }

    public static ReportForm FormFor(Workspace.Workspace workspace, ReportSettings? settings)
    {
        var texts = Compose(workspace, settings);
        var scheme = workspace.Scheme;
        return new ReportForm
        {
            Issuer = settings?.Issuer ?? $"{workspace.County}人民政府办公室",
            Addressee = settings?.Addressee,
            Date = settings?.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ProblemsLead = texts.ProblemsLead ?? scheme.Report.ProblemsLead,
            Problems = (texts.Problems ?? []).Select((p, i) => new ProblemInput { Heading = p.Heading, Measures = p.Measures, Codes = string.Join(", ", p.Codes), Order = i + 1 }).ToList(),
            PlansLead = texts.PlansLead ?? scheme.Report.PlansLead,
            Plans = (texts.Plans ?? scheme.Report.Plans).Select((p, i) => new PlanInput { Heading = p.Heading, Text = p.Text, Order = i + 1 }).ToList(),
            Version = settings?.Version ?? 0,
        };
    }

    public async Task<ReportSaveResult> SaveAsync(Workspace.Workspace workspace, ReportForm form, CancellationToken cancellationToken)
    {
        if (!workspace.CanEdit) return new ReportSaveResult(ReportSaveStatus.Forbidden, []);

        var problems = form.Problems.Where(p => !p.Delete && !string.IsNullOrWhiteSpace(p.Heading)).OrderBy(p => p.Order)
            .Select(p => new ProblemText(p.Heading!.Trim(), (p.Measures ?? string.Empty).Trim(), p.CodeList)).ToList();
        var plans = form.Plans.Where(p => !p.Delete && !string.IsNullOrWhiteSpace(p.Heading)).OrderBy(p => p.Order)
            .Select(p => new PlanText(p.Heading!.Trim(), (p.Text ?? string.Empty).Trim())).ToList();
        var texts = new ReportTexts { ProblemsLead = form.ProblemsLead, Problems = problems, PlansLead = form.PlansLead, Plans = plans };
        var errors = ReportTextsReader.Check(texts, workspace.Scheme).ToList();
        errors.AddRange(UnknownCodes(workspace.Scheme, problems));
        if (errors.Count > 0) return new ReportSaveResult(ReportSaveStatus.Invalid, errors);

        var settings = await db.ReportSettings.SingleOrDefaultAsync(r => r.EvaluationId == workspace.Id, cancellationToken);
        if ((settings?.Version ?? 0) != form.Version) return new ReportSaveResult(ReportSaveStatus.Conflict, []);

        var before = settings is null ? null : Snapshot(settings);
        if (settings is null)
        {
            settings = new ReportSettings { EvaluationId = workspace.Id };
            db.ReportSettings.Add(settings);
        }

        settings.Issuer = Blank(form.Issuer);
        settings.Addressee = Blank(form.Addressee);
        settings.Date = ChinaTime.ParseIsoDate(form.Date);
        settings.ProblemsLead = Blank(form.ProblemsLead);
        settings.ProblemsJson = JsonSerializer.Serialize(problems.Select(ProblemJson.From), Json);
        settings.PlansLead = Blank(form.PlansLead);
        settings.PlansJson = JsonSerializer.Serialize(plans.Select(p => new PlanJson(p.Heading, p.Text)), Json);
        var after = Snapshot(settings);
        if (after == before) return new ReportSaveResult(ReportSaveStatus.Saved, []);

        var now = clock.GetUtcNow().UtcDateTime;
        settings.Version++;
        settings.UpdatedAtUtc = now;
        settings.UpdatedByUserId = user.Id;
        db.AuditEntries.Add(new AuditEntry
        {
            EvaluationId = workspace.Id, Kind = AuditKind.Report, Target = "report", OldValue = before, NewValue = after,
            UserId = user.Id, UserDisplayName = user.DisplayName, AtUtc = now, Source = "表单",
        });
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await Workspace.EditGuard.ClaimAsync(db, workspace.Id, now, cancellationToken)) return new ReportSaveResult(ReportSaveStatus.Forbidden, []);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new ReportSaveResult(ReportSaveStatus.Conflict, []);
        }

        return new ReportSaveResult(ReportSaveStatus.Saved, []);
    }

    private static IEnumerable<string> UnknownCodes(Scheme scheme, IEnumerable<ProblemText> problems) =>
        problems.SelectMany(p => p.Codes.Where(c => scheme.FindField(c) is null).Select(c => $"问题“{p.Heading}”关联的指标代码 {c} 不存在，请检查"));

    private static string Snapshot(ReportSettings s) => JsonSerializer.Serialize(
        new { s.Issuer, s.Addressee, s.Date, s.ProblemsLead, problems = s.ProblemsJson, s.PlansLead, plans = s.PlansJson }, Json);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private sealed record ProblemJson(string Heading, string Measures, IReadOnlyList<string> Codes)
    {
        public static ProblemJson From(ProblemText p) => new(p.Heading, p.Measures, p.Codes);

        public ProblemText ToText() => new(Heading, Measures, Codes ?? []);
    }

    private sealed record PlanJson(string Heading, string Text);
}
