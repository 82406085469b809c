using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EduDuty.Application.Surveys;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// Answer sheets as part B stores them (issue 31's contract): a <see cref="SurveyAnswer"/> with its choices packed
/// (<see cref="PackedAnswer.Format"/>) and, in the same save, 1 added to every tally key of the sheet (<see cref="TallyKeys.Of"/>)
/// on a shard of its own (the sheet's number modulo <see cref="SurveyTally.Shards"/>), so the results must sum the shards.
/// A sheet is written as text: "3=1;4=2;11=1,2", with "!" in front for a suspect one (a filled honeypot).
/// </summary>
public static class SurveyTestData
{
    public static Task<int> ExampleIdAsync(ApplicationHost host) => host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().SurveyDefinitions
        .Where(d => d.Code == BuiltInSurveys.ExampleCode).Select(d => d.Id).SingleAsync());

    /// <summary>Opens a round of <paramref name="definitionId"/> for 2021 from 1 to 30 November (the test clock's 1 November is its first day).</summary>
    public static async Task<OpenedRound> OpenAsync(ApplicationHost host, string region, int definitionId, DateOnly? closesOn = null)
    {
        var opened = await host.WithScopeAsync(s => s.GetRequiredService<OpenSurveyRound>().HandleAsync(
            new OpenSurveyInput(definitionId, 2021, region, new DateOnly(2021, 11, 1), closesOn ?? new DateOnly(2021, 11, 30)), Actor.CommandLine, default));
        Assert.True(opened.IsDone, opened.Refusal);
        return opened.Value!;
    }

    public static Task AddSheetsAsync(ApplicationHost host, int roundId, string countyCode, SurveyGroup group, params string[] sheets) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var link = await db.SurveyLinks.Include(l => l.Round).ThenInclude(r => r.Definition)
            .SingleAsync(l => l.RoundId == roundId && l.County.Code == countyCode && l.Channel == (SurveyChannel)group);
        var questionnaire = SurveyLoader.Load(link.Round.Definition.Definition).Definition!.For(group)!;
        var tallies = await db.SurveyTallies.Where(t => t.RoundId == roundId && t.CountyId == link.CountyId && t.Group == group)
            .ToDictionaryAsync(t => (t.Question, t.Option, t.Shard));
        var number = await db.SurveyAnswers.CountAsync(a => a.RoundId == roundId);
        foreach (var sheet in sheets)
        {
            var suspect = sheet.StartsWith('!');
            var choices = PackedAnswer.Parse(suspect ? sheet[1..] : sheet);
            var shard = (short)(number++ % SurveyTally.Shards);
            db.SurveyAnswers.Add(new SurveyAnswer
            {
                RoundId = roundId, LinkId = link.Id, CountyId = link.CountyId, Group = group, DeviceKey = Hash($"device {number}"), AddressKey = Hash($"address {number % 3}"),
                SubmittedAtUtc = new DateTime(2021, 11, 1, 3, 0, 0, DateTimeKind.Utc).AddMinutes(number), Seconds = suspect ? 3 : 95,
                Suspect = suspect ? SuspectReasons.Honeypot : SuspectReasons.None, Choices = PackedAnswer.Format(choices),
            });
            foreach (var (question, option) in TallyKeys.Of(questionnaire, choices, suspect))
            {
                if (!tallies.TryGetValue((question, option, shard), out var tally))
                {
                    tally = new SurveyTally { RoundId = roundId, CountyId = link.CountyId, Group = group, Question = question, Option = option, Shard = shard };
                    db.SurveyTallies.Add(tally);
                    tallies[(question, option, shard)] = tally;
                }

                tally.Count++;
            }
        }

        await db.SaveChangesAsync();
        return 0;
    });

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Percent(decimal? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "unknown";
}
