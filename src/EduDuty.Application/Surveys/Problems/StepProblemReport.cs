using EduDuty.Application.Administration;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Surveys;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Surveys.Problems;

/// <summary>A supervisor's step: the new state (the same for a note only), the note, and the version the page showed.</summary>
public sealed record ProblemStepInput(long ReportId, ProblemStatus Status, string? Note, int Version);

/// <summary>
/// A supervisor checks a problem report (decision 0060): a new state and/or a note, from the version the page showed. In one
/// write: the report's state and version move only if the version is still the one shown (one conditional UPDATE, so of steps
/// at the same moment exactly one wins and the others are told who changed it), the note row, and an admin-audit entry
/// (<see cref="AdminAction.ProblemReportStep"/>: the reference and the county, the states before and after — never the text
/// or the contact) under the county's region.
/// </summary>
public sealed class StepProblemReport(EduDutyDbContext db, AdminAuditLog audit, WriteExecutor executor, TimeProvider clock)
{
    public async Task<Outcome<ProblemStatus>> HandleAsync(ProblemStepInput input, Actor actor, CancellationToken cancellationToken)
    {
        var report = await db.ProblemReports.AsNoTracking().Where(p => p.Id == input.ReportId)
            .Select(p => new { p.Reference, p.Status, County = p.County.Name, p.County.Path }).SingleOrDefaultAsync(cancellationToken);
        if (report is null) return Outcome.NotFound(Messages.ProblemReportUnknown);
        if (SurveyPolicy.Problems(ProblemReportsQuery.Viewer(actor), report.Path) is { } refusal)
            return refusal == Messages.SurveyOutOfScope ? Outcome.NotFound(Messages.ProblemReportUnknown) : Outcome.Refused(refusal);
        if (!Enum.IsDefined(input.Status)) return Outcome.Invalid("Status", "请从列表中选择新的状态。");
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim().ReplaceLineEndings("\n");
        if (note is { Length: > ProblemReports.MaxNote })
            return Outcome.Invalid("Note", $"“处理意见”最多 {ProblemReports.MaxNote} 个字，现在有 {note.Length} 个字。请精简后再保存。");
        if (PlainText.HasControlCharacters(note))
            return Outcome.Invalid("Note", "“处理意见”中含有不可见的控制字符，请删除后重新输入。");
        var from = report.Status;
        if (note is null && ProblemReportRules.NoteRequired(from, input.Status))
            return Outcome.Invalid("Note", $"改为“{input.Status.Name()}”时请填写“处理意见”：{(input.Status == ProblemStatus.Unfounded ? "核实的经过和不属实的理由" : "转给了哪个部门、何时转办")}。");
        if (note is null && from == input.Status) return Outcome.Invalid("Note", Messages.ProblemStepEmpty);

        return await executor.ExecuteAsync<ProblemStatus>($"problem report {input.ReportId} step by {actor.Id}", async (_, ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var name = actor.RecordedName;
            var moved = await db.ProblemReports.Where(p => p.Id == input.ReportId && p.Version == input.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, input.Status).SetProperty(p => p.Version, p => p.Version + 1)
                    .SetProperty(p => p.UpdatedAtUtc, now).SetProperty(p => p.UpdatedByName, name), ct);
            if (moved == 0)
            {
                var current = await db.ProblemReports.AsNoTracking().Where(p => p.Id == input.ReportId)
                    .Select(p => new { p.UpdatedByName, p.UpdatedAtUtc }).SingleAsync(ct);
                return Outcome.Conflict(Messages.ProblemReportMoved(current.UpdatedByName ?? "其他督导人员",
                    current.UpdatedAtUtc is { } at ? ChinaTime.DateTimeOf(at) : "刚才"));
            }

            // The state the step moved from is the one the version shown had (the UPDATE matched that version).
            var stored = await db.ProblemReportNotes.Where(n => n.ReportId == input.ReportId).OrderByDescending(n => n.Id).Select(n => (ProblemStatus?)n.ToStatus).FirstOrDefaultAsync(ct);
            var before = stored ?? ProblemStatus.Pending;
            db.ProblemReportNotes.Add(new ProblemReportNote
            {
                ReportId = input.ReportId, AtUtc = now, ByUserId = actor.IsCommandLine ? null : actor.Id, ByName = name, FromStatus = before, ToStatus = input.Status, Text = note,
            });
            audit.Add(actor, AdminAction.ProblemReportStep, $"问题线索 {report.Reference}（{report.County}）", before.Name(),
                before == input.Status ? $"{input.Status.Name()}（补充处理意见）" : input.Status.Name(), report.Path);
            return Outcome.Done(input.Status, before == input.Status ? "处理意见已保存。" : $"状态已改为“{input.Status.Name()}”，处理记录已保存。");
        }, cancellationToken);
    }
}
