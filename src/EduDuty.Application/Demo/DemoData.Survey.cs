using System.Security.Cryptography;
using System.Text;
using EduDuty.Core.Surveys;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Demo;

// The demo's satisfaction survey (issue 31): the example survey opened for 运城市's 2021 evaluations around today, and a few
// hundred answer sheets for 闻喜县 stored as the public questionnaire stores them (packed choices, tallies on shards), with
// deterministic random choices, so that the results pages have something to show.
public sealed partial class DemoData
{
    /// <summary>闻喜县's demo sheets per group: 社会人士, 教师, 学生.</summary>
    public static readonly IReadOnlyDictionary<SurveyGroup, int> DemoSheets = new Dictionary<SurveyGroup, int>
    {
        [SurveyGroup.Public] = 240, [SurveyGroup.Teacher] = 60, [SurveyGroup.Student] = 100,
    };

    private async Task SeedSurveyAsync(CancellationToken cancellationToken)
    {
        if (await db.SurveyRounds.AnyAsync(cancellationToken)) return;
        var example = await db.SurveyDefinitions.Where(d => d.Code == BuiltInSurveys.ExampleCode).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        if (example is null) return;
        var today = ChinaTime.Today(clock);
        var opened = await openSurvey.HandleAsync(new Surveys.OpenSurveyInput(example.Id, 2021, "140800", today.AddDays(-7), today.AddDays(30)),
            await ActorAsync(Admin, cancellationToken), cancellationToken);
        if (!opened.IsDone) return;
        var definition = SurveyLoader.Load(example.Definition).Definition!;
        var roundId = opened.Value!.RoundId;
        var wenxi = opened.Value.Counties.Single(c => c.Code == "140823");
        var links = await db.SurveyLinks.Where(l => l.RoundId == roundId && l.CountyId == wenxi.CountyId).ToDictionaryAsync(l => l.Channel, l => l.Id, cancellationToken);
        var random = new Random(2021);
        var start = clock.GetUtcNow().UtcDateTime.AddDays(-6);
        await executor.ExecuteAsync("demo survey answers", (_, _) =>
        {
            var tallies = new Dictionary<(SurveyGroup, short, short, short), SurveyTally>();
            var number = 0;
            foreach (var (group, count) in DemoSheets)
            {
                var questionnaire = definition.For(group)!;
                for (var i = 0; i < count; i++, number++)
                {
                    var choices = Choose(questionnaire, random);
                    var suspect = random.Next(100) < 4;
                    db.SurveyAnswers.Add(new SurveyAnswer
                    {
                        RoundId = roundId, LinkId = links[(SurveyChannel)group], CountyId = wenxi.CountyId, Group = group,
                        DeviceKey = Hash($"demo device {number}"), AddressKey = Hash($"demo address {number % 37}"),
                        SubmittedAtUtc = start.AddMinutes(number * 20 + random.Next(15)), Seconds = suspect ? 6 : 60 + random.Next(400),
                        Suspect = suspect ? SuspectReasons.TooFast : SuspectReasons.None, Choices = PackedAnswer.Format(choices),
                    });
                    var shard = (short)(number % SurveyTally.Shards);
                    foreach (var (question, option) in TallyKeys.Of(questionnaire, choices, suspect))
                    {
                        if (!tallies.TryGetValue((group, question, option, shard), out var tally))
                        {
                            tally = new SurveyTally { RoundId = roundId, CountyId = wenxi.CountyId, Group = group, Question = question, Option = option, Shard = shard };
                            tallies[(group, question, option, shard)] = tally;
                            db.SurveyTallies.Add(tally);
                        }

                        tally.Count++;
                    }
                }
            }

            return Task.CompletedTask;
        }, cancellationToken);
    }

    // Mostly satisfied, as real surveys are: 满意 45 %, 比较满意 28 %, 一般 13 %, 不太满意 6 %, 不满意 3 %, 不了解 5 %.
    private static IReadOnlyDictionary<int, IReadOnlyList<int>> Choose(Questionnaire questionnaire, Random random)
    {
        var choices = new Dictionary<int, IReadOnlyList<int>>();
        foreach (var question in questionnaire.Questions)
        {
            switch (question.Kind)
            {
                case QuestionKind.Single:
                    choices[question.Number] = [1 + random.Next(question.Options.Count)];
                    break;
                case QuestionKind.Scale:
                    var roll = random.Next(100);
                    choices[question.Number] = [roll < 45 ? 1 : roll < 73 ? 2 : roll < 86 ? 3 : roll < 92 ? 4 : roll < 95 ? 5 : 6];
                    break;
                case QuestionKind.Multiple:
                    var most = Math.Min(question.MaxChoices ?? 3, question.Options.Count);
                    choices[question.Number] = Enumerable.Range(1, question.Options.Count).OrderBy(_ => random.Next()).Take(1 + random.Next(most)).Order().ToList();
                    break;
            }
        }

        return choices;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
