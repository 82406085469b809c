using System.Security.Cryptography;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Surveys;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Surveys.Problems;

/// <summary>A county's problem-report door as the public form shows it.</summary>
public sealed record ProblemDoor(int LinkId, int RoundId, int CountyId, string CountyName, RoundPhase Phase, DateOnly OpensOn, DateOnly ClosesOn, int RetentionDays)
{
    public string Period => $"{ChinaTime.Date(OpensOn)}至{ChinaTime.Date(ClosesOn)}";
}

/// <summary>What the public form posts (trimmed by the page), with the hidden honeypot field and the client's address.</summary>
public sealed record ProblemReportInput(string Token, string? Category, string? Text, string? ContactName, string? ContactPhone, string? Honeypot, string? Address);

/// <summary>The reporter's receipt: the reference to quote, and the county.</summary>
public sealed record ProblemReceipt(string Reference, string CountyName, bool ContactGiven, int RetentionDays);

/// <summary>
/// The public form's door (<c>/public/problems/{token}</c>): the token's shape is checked before any query; only a county's
/// <see cref="SurveyChannel.Problems"/> link opens it (a questionnaire's token is not found here); its round's phase is told.
/// </summary>
public sealed class ProblemForm(EduDutyDbContext db, ProblemReportSettings settings, TimeProvider clock)
{
    public async Task<Outcome<ProblemDoor>> LoadAsync(string? token, CancellationToken cancellationToken)
    {
        if (!ProblemReportRules.IsToken(token)) return Outcome.NotFound(Messages.ProblemLinkUnknown);
        var door = await db.SurveyLinks.AsNoTracking()
            .Where(l => l.Token == token && l.Channel == SurveyChannel.Problems)
            .Join(db.SurveyRounds, l => l.RoundId, r => r.Id, (l, r) => new { l.Id, l.RoundId, l.CountyId, County = l.County.Name, r.OpensOn, r.ClosesOn, r.ClosedEarlyAtUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (door is null) return Outcome.NotFound(Messages.ProblemLinkUnknown);
        var phase = RoundState.Phase(door.OpensOn, door.ClosesOn, door.ClosedEarlyAtUtc, clock.GetUtcNow());
        return Outcome.Done(new ProblemDoor(door.Id, door.RoundId, door.CountyId, door.County, phase, door.OpensOn, door.ClosesOn, settings.ContactRetentionDays));
    }

    /// <summary>The refusal of a door whose round is not open (its phase and period said); null when open.</summary>
    public static Message? Closed(ProblemDoor door) => door.Phase == RoundPhase.Open ? null
        : Messages.ProblemRoundNotOpen(door.Phase.Name(), ChinaTime.Date(door.OpensOn), ChinaTime.Date(door.ClosesOn));
}

/// <summary>
/// Stores a problem report from the public form (decision 0060): the door open, every field checked (a wrong one named, nothing
/// stored), at most <see cref="ProblemReportSettings.PerAddressPerDay"/> per address and day (the address kept only as the
/// day's salted hash, <see cref="AddressKeys"/>), counted under a lock on the round's row so that reports at the same moment
/// are counted one after the other. A filled honeypot field is answered like a stored report and nothing is stored.
/// </summary>
public sealed class SubmitProblemReport(EduDutyDbContext db, ProblemForm form, AddressKeys addresses, ProblemReportSettings settings, WriteExecutor executor, TimeProvider clock)
{
    public async Task<Outcome<ProblemReceipt>> HandleAsync(ProblemReportInput input, CancellationToken cancellationToken)
    {
        var loaded = await form.LoadAsync(input.Token, cancellationToken);
        if (!loaded.IsDone) return Outcome.NotFound(loaded.Reason);
        var door = loaded.Value!;
        if (ProblemForm.Closed(door) is { } closed) return Outcome.Refused(closed);
        var category = Clean(input.Category);
        var text = Clean(input.Text);
        var name = Clean(input.ContactName);
        var phone = Clean(input.ContactPhone);
        var errors = ProblemReportRules.Check(category, text, name, phone);
        if (errors.Count > 0) return Outcome.Invalid(errors.Select(e => new FieldProblem(e.Field, e.Text)).ToList());
        var contactGiven = name is not null || phone is not null;
        // A form a robot filled in: told it was received, with a reference that exists nowhere.
        if (!string.IsNullOrEmpty(input.Honeypot)) return Outcome.Done(new ProblemReceipt(NewReference(), door.CountyName, contactGiven, settings.ContactRetentionDays));

        var key = await addresses.KeyOfAsync(input.Address, cancellationToken);
        return await executor.ExecuteAsync<ProblemReceipt>($"problem report for county {door.CountyId}", async (_, ct) =>
        {
            // The round's row is held until the commit: reports of one round are counted one after the other (PostgreSQL
            // reads the count after the lock is granted; SQLite's writers are one at a time anyway).
            await db.SurveyRounds.Where(r => r.Id == door.RoundId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, r => r.Version), ct);
            var round = await db.SurveyRounds.AsNoTracking().Where(r => r.Id == door.RoundId).Select(r => new { r.OpensOn, r.ClosesOn, r.ClosedEarlyAtUtc }).SingleAsync(ct);
            var now = clock.GetUtcNow();
            if (RoundState.Phase(round.OpensOn, round.ClosesOn, round.ClosedEarlyAtUtc, now) is not RoundPhase.Open and var phase)
                return Outcome.Refused(ProblemForm.Closed(door with { Phase = phase })!);
            var today = await db.ProblemReports.CountAsync(p => p.RoundId == door.RoundId && p.AddressKey == key, ct);
            if (today >= settings.PerAddressPerDay) return Outcome.Refused(Messages.ProblemReportsPerAddress(settings.PerAddressPerDay));
            var report = new ProblemReport
            {
                RoundId = door.RoundId, CountyId = door.CountyId, Reference = NewReference(), Category = category!, Text = text!,
                ContactName = name, ContactPhone = phone, AddressKey = key, ReceivedAtUtc = now.UtcDateTime, Status = ProblemStatus.Pending,
            };
            db.ProblemReports.Add(report);
            return Outcome.Done(new ProblemReceipt(report.Reference, door.CountyName, contactGiven, settings.ContactRetentionDays));
        }, cancellationToken);
    }

    /// <summary>12 random letters of <see cref="ProblemReportRules.ReferenceAlphabet"/> (31^12 ≈ 7·10^17: never guessed, never counted).</summary>
    public static string NewReference() =>
        string.Create(12, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = ProblemReportRules.ReferenceAlphabet[RandomNumberGenerator.GetInt32(ProblemReportRules.ReferenceAlphabet.Length)];
        });

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");
}
