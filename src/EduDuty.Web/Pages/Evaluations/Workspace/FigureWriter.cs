using EduDuty.Core.Figures;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Pages.Evaluations.Workspace;

/// <summary>A figure the user changed: its new value (null clears it) and the version the user's change was based on.</summary>
public sealed record FigureChange(string Code, FieldValue? NewValue, int BasedOnVersion);

/// <summary>The area text the user changed, and the version it was based on.</summary>
public sealed record NarrativeChange(string AreaKey, string Text, int BasedOnVersion);

/// <summary>A change someone else made since the user loaded the page.</summary>
public sealed record Conflict(string Target, string? TheirValue, string TheirUser, DateTime TheirAtUtc, int CurrentVersion);

public sealed record WriteOutcome(int Saved, IReadOnlyList<Conflict> Conflicts, bool Locked = false)
{
    public bool HasConflicts => Conflicts.Count > 0;

    public static readonly WriteOutcome LockedOutcome = new(0, [], Locked: true);
}

/// <summary>
/// Writes figure and text changes with their audit entries in one SaveChanges (one transaction). A change based on a
/// version that is no longer current is a conflict: then nothing at all is written and the conflicts are returned, so
/// that the user decides (decision 0007). Version tokens also guard the window between reading and writing.
/// </summary>
public sealed class FigureWriter(EduDutyDbContext db, TimeProvider clock)
{
    public async Task<WriteOutcome> WriteAsync(
        int evaluationId, IReadOnlyList<FigureChange> figures, NarrativeChange? narrative, string userId, string userName, string source,
        CancellationToken cancellationToken)
    {
        try
        {
            return await TryWriteAsync(evaluationId, figures, narrative, userId, userName, source, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone saved between our read and our write (a version moved, or a first value was inserted twice).
            db.ChangeTracker.Clear();
            var again = await TryWriteAsync(evaluationId, figures, narrative, userId, userName, source, cancellationToken, detectOnly: true);
            return again.HasConflicts ? again : new WriteOutcome(0, [new Conflict("*", null, "其他用户", clock.GetUtcNow().UtcDateTime, 0)]);
        }
    }

    private async Task<WriteOutcome> TryWriteAsync(
        int evaluationId, IReadOnlyList<FigureChange> figures, NarrativeChange? narrative, string userId, string userName, string source,
        CancellationToken cancellationToken, bool detectOnly = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var codes = figures.Select(f => f.Code).ToList();
        var rows = await db.FigureValues.Where(f => f.EvaluationId == evaluationId && codes.Contains(f.FieldCode))
            .ToDictionaryAsync(f => f.FieldCode, StringComparer.Ordinal, cancellationToken);
        var text = narrative is null
            ? null
            : await db.AreaNarratives.SingleOrDefaultAsync(n => n.EvaluationId == evaluationId && n.AreaKey == narrative.AreaKey, cancellationToken);

        var conflicts = new List<(string Target, string? Value, string? UserId, DateTime At, int Version)>();
        var audits = new List<AuditEntry>();
        foreach (var change in figures)
        {
            var row = rows.GetValueOrDefault(change.Code);
            var current = row?.ToValue()?.ToInvariantString();
            var wanted = change.NewValue?.ToInvariantString();
            if (wanted == current) continue; // already so: nothing to write, nothing to fight over
            var version = row?.Version ?? 0;
            if (version != change.BasedOnVersion)
            {
                conflicts.Add((change.Code, current, row?.UpdatedByUserId, row?.UpdatedAtUtc ?? now, version));
                continue;
            }

            if (row is null)
            {
                row = new FigureValue { EvaluationId = evaluationId, FieldCode = change.Code };
                db.FigureValues.Add(row);
            }

            row.Assign(change.NewValue);
            row.Version = version + 1;
            row.UpdatedAtUtc = now;
            row.UpdatedByUserId = userId;
            audits.Add(Audit(AuditKind.Figure, change.Code, current, wanted));
        }

        if (narrative is not null && text?.Text != narrative.Text)
        {
            var version = text?.Version ?? 0;
            if (version != narrative.BasedOnVersion)
            {
                conflicts.Add((narrative.AreaKey, text?.Text, text?.UpdatedByUserId, text?.UpdatedAtUtc ?? now, version));
            }
            else
            {
                var old = text?.Text;
                if (text is null)
                {
                    text = new AreaNarrative { EvaluationId = evaluationId, AreaKey = narrative.AreaKey, Text = narrative.Text };
                    db.AreaNarratives.Add(text);
                }

                text.Text = narrative.Text;
                text.Version = version + 1;
                text.UpdatedAtUtc = now;
                text.UpdatedByUserId = userId;
                audits.Add(Audit(AuditKind.Narrative, narrative.AreaKey, old, narrative.Text));
            }
        }

        if (conflicts.Count > 0 || detectOnly)
        {
            db.ChangeTracker.Clear();
            return new WriteOutcome(0, await NameAsync(conflicts, cancellationToken));
        }

        if (audits.Count == 0) return new WriteOutcome(0, []);
        db.AuditEntries.AddRange(audits);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await EditGuard.ClaimAsync(db, evaluationId, now, cancellationToken))
        {
            db.ChangeTracker.Clear();
            return WriteOutcome.LockedOutcome;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WriteOutcome(audits.Count, []);

        AuditEntry Audit(AuditKind kind, string target, string? old, string? @new) => new()
        {
            EvaluationId = evaluationId,
            Kind = kind,
            Target = target,
            OldValue = old,
            NewValue = @new,
            UserId = userId,
            UserDisplayName = userName,
            AtUtc = now,
            Source = source,
        };
    }

    private async Task<IReadOnlyList<Conflict>> NameAsync(
        List<(string Target, string? Value, string? UserId, DateTime At, int Version)> conflicts, CancellationToken cancellationToken)
    {
        var ids = conflicts.Select(c => c.UserId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return conflicts
            .Select(c => new Conflict(c.Target, c.Value, c.UserId is not null && names.TryGetValue(c.UserId, out var n) ? n : "其他用户", c.At, c.Version))
            .ToList();
    }
}
