using EduDuty.Core.Rectification;
using System.Text.Json;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Reports;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;
using EduDuty.Core.Messaging;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Report;

/// <summary>
/// Saves the report settings: checked like every other text (well-formedness, placeholders, codes), written through the
/// guarded path with a version check, audited.
/// </summary>
public sealed class SaveReportSettings(ContentWriter content, IValidator<ReportForm> validator)
{
    /// <returns>Done with whether anything changed; invalid with every problem; a conflict when someone saved meanwhile.</returns>
    public async Task<Outcome<bool>> HandleAsync(Workspace workspace, ReportForm form, Actor actor, CancellationToken cancellationToken)
    {
        if (!workspace.CanEdit) return Outcome.Refused(workspace.Edit.Refusal!);
        var validation = await validator.ValidateAsync(form, cancellationToken);
        if (!validation.IsValid)
            return Outcome.Invalid(validation.Errors.DistinctBy(e => e.ErrorMessage).Select(e => new FieldProblem(e.PropertyName, e.ErrorMessage)).ToList());

        var problems = form.Problems.Where(p => !p.Delete && !string.IsNullOrWhiteSpace(p.Heading)).OrderBy(p => p.Order)
            .Select(p => new ProblemText(Typed(p.Heading), Typed(p.Measures), p.CodeList)).ToList();
        var plans = form.Plans.Where(p => !p.Delete && !string.IsNullOrWhiteSpace(p.Heading)).OrderBy(p => p.Order)
            .Select(p => new PlanText(Typed(p.Heading), Typed(p.Text))).ToList();
        form.ProblemsLead = form.ProblemsLead is null ? null : Typed(form.ProblemsLead);
        form.PlansLead = form.PlansLead is null ? null : Typed(form.PlansLead);
        var texts = new ReportTexts { ProblemsLead = form.ProblemsLead, Problems = problems, PlansLead = form.PlansLead, Plans = plans };
        var errors = ReportTextsReader.Check(texts, workspace.Scheme).ToList();
        errors.AddRange(RectificationSection.Check(form.RectificationLead ?? string.Empty).Select(e => $"上年度问题整改情况：{e}"));
        errors.AddRange(UnknownCodes(workspace.Scheme, problems));
        if (errors.Count > 0) return Outcome.Invalid(errors.Select(e => new FieldProblem("", e)).ToList());

        var write = await content.WriteAsync(workspace, actor, AuditSource.Form, async (scope, ct) =>
        {
            var settings = await scope.Db.ReportSettings.SingleOrDefaultAsync(r => r.EvaluationId == workspace.Id, ct);
            if ((settings?.Version ?? 0) != form.Version) return ((bool?)null, false);

            var before = settings is null ? null : Snapshot(settings);
            if (settings is null)
            {
                settings = new ReportSettings { EvaluationId = workspace.Id };
                scope.Db.ReportSettings.Add(settings);
            }

            settings.Issuer = Blank(form.Issuer);
            settings.Addressee = Blank(form.Addressee);
            settings.Date = ChinaTime.ParseIsoDate(form.Date);
            settings.RectificationLead = Blank(form.RectificationLead);
            settings.ProblemsLead = Blank(form.ProblemsLead);
            settings.ProblemsJson = JsonSerializer.Serialize(problems.Select(ReportPage.ProblemJson.From), ReportPage.Json);
            settings.PlansLead = Blank(form.PlansLead);
            settings.PlansJson = JsonSerializer.Serialize(plans.Select(p => new ReportPage.PlanJson(p.Heading, p.Text)), ReportPage.Json);
            settings.ShowDataSources = form.ShowDataSources;
            var after = Snapshot(settings);
            if (after == before) return ((bool?)false, false);

            settings.Version++;
            settings.UpdatedAtUtc = scope.NowUtc;
            settings.UpdatedByUserId = actor.Id;
            scope.Audit(AuditKind.Report, "report", before, after);
            return ((bool?)true, true);
        }, cancellationToken);
        return write.Status switch
        {
            // Written, or nothing to write; no value: the version the page showed has moved.
            ContentWriteStatus.Written or ContentWriteStatus.NotWritten => write.Value is { } changed ? Outcome.Done(changed) : Outcome.Conflict(Messages.ReportSettingsMoved),
            // A version token moved under the save, or two first saves inserted at once (logged by the writer).
            ContentWriteStatus.Conflict => Outcome.Conflict(Messages.ReportSettingsMoved),
            _ => Outcome.Refused(write.Reason!),
        };
    }

    private static string Typed(string? text) => Core.Texts.TextTemplate.FromTyped((text ?? string.Empty).Trim());

    private static IEnumerable<string> UnknownCodes(Scheme scheme, IEnumerable<ProblemText> problems) =>
        problems.SelectMany(p => p.Codes.Where(c => scheme.FindField(c) is null).Select(c => $"问题“{p.Heading}”关联的指标代码 {c} 不存在，请检查"));

    // The data-source setting (issue 30) is in the snapshot only when on, so the entries of reports without it read as before.
    private static string Snapshot(ReportSettings s) => s.ShowDataSources
        ? JsonSerializer.Serialize(new { s.Issuer, s.Addressee, s.Date, s.RectificationLead, s.ProblemsLead, problems = s.ProblemsJson, s.PlansLead, plans = s.PlansJson, dataSources = true }, ReportPage.Json)
        : JsonSerializer.Serialize(new { s.Issuer, s.Addressee, s.Date, s.RectificationLead, s.ProblemsLead, problems = s.ProblemsJson, s.PlansLead, plans = s.PlansJson }, ReportPage.Json);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
