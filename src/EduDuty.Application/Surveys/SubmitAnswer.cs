using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Surveys;

/// <summary>
/// A sheet as the public page sends it. <paramref name="DeviceId"/> is the device cookie's random id (null without one),
/// <paramref name="StartedAtUtc"/> the time in the valid start stamp (null without one), <paramref name="Address"/> the client
/// address (only its salted daily key is kept), <paramref name="Values"/> the form's values by question number.
/// </summary>
public sealed record SurveyAnswerInput(
    string? Token, string? DeviceId, DateTimeOffset? StartedAtUtc, string? Address, bool HoneypotFilled,
    IReadOnlyDictionary<int, IReadOnlyList<string>> Values);

/// <summary>What became of a sheet: stored (counted, or kept as suspect for <see cref="Suspect"/>), or not stored because this device already answered.</summary>
public sealed record AnswerReceipt(bool CountedOnceAlready, SuspectReasons Suspect, long? AnswerId);

/// <summary>
/// Takes one answer sheet (issue 31, decision 0058): the door must exist and be open; the values are checked against the
/// questionnaire (each problem naming its question, nothing stored); the honesty rules are decided by
/// <see cref="AnswerScreening"/>; then one write stores the sheet, its open texts and adds 1 to each of its tally keys
/// (<see cref="TallyKeys"/>) in a random shard. One sheet per device and door: the unique index (LinkId, DeviceKey) decides —
/// the sheet is inserted with ON CONFLICT DO NOTHING, so a second one (even one arriving at the same moment) stores nothing
/// and adds to no tally, and its sender is told the first was counted. Answers are anonymous: nothing is audited per sheet.
/// </summary>
public sealed class SubmitAnswer(EduDutyDbContext db, SurveyDoors doors, AddressKeys addresses, WriteExecutor executor, ScreeningLimits limits, TimeProvider clock)
{
    public async Task<Outcome<AnswerReceipt>> HandleAsync(SurveyAnswerInput input, CancellationToken cancellationToken)
    {
        var found = await doors.FindAsync(input.Token, cancellationToken);
        if (!found.IsDone) return Outcome.NotFound(found.Reason);
        var door = found.Value!;
        if (SurveyDoors.Closed(door) is { } closed) return Outcome.Refused(closed);
        var (sheet, problems) = SheetRules.Check(door.Questionnaire, input.Values);
        if (sheet is null) return Outcome.Invalid(problems.Select(p => new FieldProblem(p.Field, p.Text)).ToList());

        // Without a device cookie the sheet is its own device (and suspect: the page that sets the cookie was never read).
        var deviceKey = KeyOf((input.DeviceId ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16))) + "\n" + door.Token);
        var addressKey = await addresses.KeyOfAsync(input.Address, cancellationToken);
        var earlier = await db.SurveyAnswers.Where(a => a.RoundId == door.RoundId && a.AddressKey == addressKey)
            .Take(limits.AnswersPerAddressPerDay + 1).CountAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var arrival = new AnswerArrival(input.HoneypotFilled, input.StartedAtUtc, now, earlier);
        var suspect = AnswerScreening.Screen(arrival, limits);
        var choices = PackedAnswer.Format(sheet.Choices);
        var keys = TallyKeys.Of(door.Questionnaire, sheet.Choices, suspect != SuspectReasons.None);

        return await executor.ExecuteAsync<AnswerReceipt>($"survey answer on link {door.LinkId}", async (scope, ct) =>
        {
            var ids = await db.Database.SqlQuery<long>($"""
                INSERT INTO "SurveyAnswers" ("RoundId", "LinkId", "CountyId", "Group", "DeviceKey", "AddressKey", "SubmittedAtUtc", "Seconds", "Suspect", "Choices")
                VALUES ({door.RoundId}, {door.LinkId}, {door.CountyId}, {(int)door.Group}, {deviceKey}, {addressKey}, {now.UtcDateTime}, {AnswerScreening.Seconds(arrival)}, {(int)suspect}, {choices})
                ON CONFLICT ("LinkId", "DeviceKey") DO NOTHING
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct);
            if (ids.Count == 0)
            {
                // Another sheet of this device got in first (at the same moment): nothing of this one is stored.
                scope.Discard();
                return Outcome.Done(new AnswerReceipt(true, SuspectReasons.None, null), Messages.SurveyCountedOnce);
            }

            foreach (var (question, text) in sheet.OpenTexts)
                db.SurveyOpenAnswers.Add(new SurveyOpenAnswer { AnswerId = ids[0], Question = question, Text = text });
            await db.Database.ExecuteSqlRawAsync(TallySql(door, keys, (short)Random.Shared.Next(SurveyTally.Shards)), ct);
            return Outcome.Done(new AnswerReceipt(false, suspect, ids[0]), Messages.SurveyAnswerStored);
        }, cancellationToken);
    }

    /// <summary>SHA-256 (hex) of the device cookie's id and the door's token.</summary>
    public static string KeyOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// One statement adding 1 to every key in one shard, keys in sorted order so that two sheets never lock rows in opposite
    /// orders (no deadlock). Every value is a number of ours, written as a literal.
    /// </summary>
    private static string TallySql(SurveyDoor door, IReadOnlyList<(short Question, short Option)> keys, short shard)
    {
        var sql = new StringBuilder("""INSERT INTO "SurveyTallies" ("RoundId", "CountyId", "Group", "Question", "Option", "Shard", "Count") VALUES """);
        var first = true;
        foreach (var (question, option) in keys.Distinct().OrderBy(k => k.Question).ThenBy(k => k.Option))
        {
            if (!first) sql.Append(", ");
            first = false;
            sql.Append(CultureInfo.InvariantCulture, $"({door.RoundId}, {door.CountyId}, {(int)door.Group}, {question}, {option}, {shard}, 1)");
        }

        sql.Append(""" ON CONFLICT ("RoundId", "CountyId", "Group", "Question", "Option", "Shard") DO UPDATE SET "Count" = "SurveyTallies"."Count" + 1""");
        return sql.ToString();
    }
}
