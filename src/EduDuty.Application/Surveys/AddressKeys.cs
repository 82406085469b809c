using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EduDuty.Application.Writes;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Surveys;

/// <summary>
/// The one way a client address is kept (issue 31): SHA-256 of the day's random salt (<see cref="SurveySalt"/>) and the
/// address, hex. The same address gives the same key all day (so answers and reports per address and day can be counted) and
/// an unrelated key the next; the salt is deleted once its day is over, so a stored key can never be tested against an address.
/// The day's salt is read once per instance and day (every instance shares the stored one: the first to ask makes it).
/// </summary>
public sealed class AddressKeys(EduDutyDbContext db, WriteExecutor executor, TimeProvider clock)
{
    private static readonly ConcurrentDictionary<(string Database, DateOnly Day), byte[]> Salts = new();

    public async Task<string> KeyOfAsync(string? address, CancellationToken cancellationToken)
    {
        var salt = await SaltAsync(cancellationToken);
        var bytes = Encoding.UTF8.GetBytes(address ?? "unknown");
        return Convert.ToHexStringLower(SHA256.HashData([.. salt, .. bytes]));
    }

    /// <summary>
    /// Deletes the salts of days before today (China time); how many. The first use of a new day does it too, but a day may
    /// have no use at all (a round closed, the questionnaire forgotten): without this the last day's salt would stay stored,
    /// and with it every address key of that day could be tested against the 2^32 IPv4 addresses in minutes. Run hourly by the
    /// personal-data purge (<see cref="Problems.PurgeProblemContacts"/>).
    /// </summary>
    public async Task<int> ForgetOldSaltsAsync(CancellationToken cancellationToken)
    {
        var day = ChinaTime.Today(clock);
        foreach (var old in Salts.Keys.Where(k => k.Day < day)) Salts.TryRemove(old, out _);
        var outcome = await executor.ExecuteAsync<int>("forget old survey salts", async (_, ct) =>
            Outcome.Done(await db.SurveySalts.Where(s => s.Day < day).ExecuteDeleteAsync(ct)), cancellationToken);
        return outcome.IsDone ? outcome.Value : 0;
    }

    private async Task<byte[]> SaltAsync(CancellationToken cancellationToken)
    {
        var day = ChinaTime.Today(clock);
        var database = db.Database.GetConnectionString() ?? string.Empty;
        if (Salts.TryGetValue((database, day), out var known)) return known;
        var outcome = await executor.ExecuteAsync<byte[]>($"survey salt {day}", async (_, ct) =>
        {
            var stored = await db.SurveySalts.AsNoTracking().Where(s => s.Day == day).Select(s => s.Salt).SingleOrDefaultAsync(ct);
            if (stored is not null) return Outcome.Done(stored);
            // Yesterday's and older salts go with the first use of a new day (and every hour without one: ForgetOldSaltsAsync).
            await db.SurveySalts.Where(s => s.Day < day).ExecuteDeleteAsync(ct);
            var salt = RandomNumberGenerator.GetBytes(32);
            db.SurveySalts.Add(new SurveySalt { Day = day, Salt = salt });
            return Outcome.Done(salt);
        }, cancellationToken);
        if (!outcome.IsDone)
        {
            // Another instance (or request) made the day's salt at the same moment: its row won the key; read it.
            db.ChangeTracker.Clear();
            var stored = await db.SurveySalts.AsNoTracking().Where(s => s.Day == day).Select(s => s.Salt).SingleAsync(cancellationToken);
            outcome = Outcome.Done(stored);
        }

        foreach (var old in Salts.Keys.Where(k => k.Day < day)) Salts.TryRemove(old, out _);
        return Salts.GetOrAdd((database, day), outcome.Value!);
    }
}
