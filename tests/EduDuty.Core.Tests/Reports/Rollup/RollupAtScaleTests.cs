using System.Globalization;
using System.Text;
using EduDuty.Core.Reports;
using EduDuty.Core.Reports.Rollup;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Reports.Rollup;

/// <summary>
/// The roll-up's facts by lookup (issue 28) say what the linear searches said: a region of 120 counties in every state, with
/// failing codes and judged values drawn from the SX-2021 catalog by a fixed seed, built with and without drafts, every
/// placeholder rendered — compared with <c>rollup-120-counties.golden.txt</c>, which the computation before issue 28 (base
/// commit 74c0b61) wrote. Set EDUDUTY_RECORD_ROLLUP=1 to write it again (then read the diff before committing it).
/// </summary>
public sealed class RollupAtScaleTests
{
    private static readonly string GoldenPath = Path.Combine(RepositoryPaths.Root, "tests", "EduDuty.Core.Tests", "Reports", "Rollup", "rollup-120-counties.golden.txt");

    internal static RegionFacts Region(int count = 120, int seed = 28)
    {
        var scheme = GoldenCase.Scheme;
        var random = new Random(seed);
        var judged = scheme.Fields.Where(f => f.IsJudged).ToList();
        var states = Enum.GetValues<CountyState>();
        var counties = new List<RollupCounty>();
        for (var i = 0; i < count; i++)
        {
            var state = states[random.Next(states.Length)];
            var name = $"第{i + 1}县";
            if (state == CountyState.NotStarted)
            {
                counties.Add(new RollupCounty(name, state, random.Next(4) == 0, null));
                continue;
            }

            var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
            var failing = new List<string>();
            var filled = random.Next(5) == 0 ? 0 : random.Next(60, 101); // some drafts with nothing entered
            foreach (var field in judged)
            {
                if (filled == 0 || random.Next(10) == 0) continue; // a value not known
                values[field.Code] = Math.Round((decimal)(random.NextDouble() * 120), random.Next(3), MidpointRounding.AwayFromZero);
                if (random.Next(12) == 0) failing.Add(field.Code);
            }

            var amounts = RegionFacts.AmountFields(scheme).Where(_ => filled > 0 && random.Next(4) != 0)
                .ToDictionary(f => f.Code, _ => (decimal)random.Next(1000, 90000), StringComparer.Ordinal);
            counties.Add(new RollupCounty(name, state, random.Next(5) == 0, new ResultSummary(filled, 100, random.Next(3), 10, failing, random.Next(3), values))
            {
                Amounts = amounts,
            });
        }

        return new RegionFacts("基准市", 2021, scheme, new DateOnly(2021, 11, 30), counties) { Process = new RollupProcess(37, 5), Superior = "基准省人民政府教育督导委员会办公室" };
    }

    // Everything a roll-up shows: the document (body, grid) with and without drafts, and each placeholder over both.
    private static string Everything(RegionFacts facts)
    {
        var text = new StringBuilder();
        var codes = facts.Scheme.Fields.Where(f => f.IsJudged).Select(f => f.Code).ToList();
        foreach (var drafts in new[] { false, true })
        {
            var document = RollupBuilder.Build(facts, new RollupTexts { IncludeDrafts = drafts, RectificationDue = new DateOnly(2022, 3, 31) });
            text.AppendLine($"=== drafts {drafts}").AppendLine(document.ToPlainText());
            text.AppendLine(document.Notice).AppendLine(document.NoticeMark);
            foreach (var row in document.Grid!.Rows) text.AppendLine(string.Join('|', row));
            var shown = facts with { IncludeDrafts = drafts };
            foreach (var key in RegionTemplate.RegionKeys)
                text.AppendLine($"{key}: {RegionTemplate.Parse($"{{{key}}}", facts.Scheme).Template!.Render(shown)}");
            foreach (var code in codes)
                text.AppendLine($"{code}: {string.Join(" | ", RegionTemplate.IndicatorKeys.Select(k => RegionTemplate.Parse($"{{{code}.{k}}}", facts.Scheme).Template!.Render(shown).ToString()))}");
            text.AppendLine("met: " + string.Join(' ', shown.MetEverywhere.Select(f => f.Code)));
            text.AppendLine("failing: " + string.Join(' ', shown.FailingSomewhere.Select(f => f.Code)));
        }

        return text.ToString().ReplaceLineEndings("\n");
    }

    [Fact]
    public void A_region_of_120_counties_reads_as_the_linear_computation_wrote_it()
    {
        var actual = Everything(Region());
        if (Environment.GetEnvironmentVariable("EDUDUTY_RECORD_ROLLUP") == "1") File.WriteAllText(GoldenPath, actual);
        var expected = File.ReadAllText(GoldenPath).ReplaceLineEndings("\n");
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Judged_values_in_their_stored_form_read_as_the_dictionaries_do()
    {
        // As the portal reads them (issue 28, second round): the stored text, parsed in one pass by the facts.
        var facts = Region();
        var stored = facts with
        {
            Counties = facts.Counties.Select(c => c.Summary is { } s
                ? c with { Summary = s with { JudgedValues = new PackedValues(ResultSummary.FormatValues(s.JudgedValues)) } }
                : c).ToList(),
        };

        Assert.Equal(File.ReadAllText(GoldenPath).ReplaceLineEndings("\n"), Everything(stored));
    }

    [Fact]
    public void Amounts_summed_by_state_give_the_totals_of_the_counties_amounts()
    {
        // The database adds the amounts up by code, state and whether figures are entered (RollupAmounts); the report's totals
        // and averages are those of the counties' own amounts, with and without drafts, over many regions.
        Assert.Equal(File.ReadAllText(GoldenPath).ReplaceLineEndings("\n"), Everything(Summed(Region())));
        for (var seed = 1; seed <= 25; seed++)
        {
            var facts = Region(40, seed);
            Assert.Equal(Everything(facts), Everything(Summed(facts)));
        }

        static RegionFacts Summed(RegionFacts facts) => facts with
        {
            AmountGroups = facts.Counties.Where(c => c.Summary is not null)
                .SelectMany(c => c.Amounts.Select(a => (Code: a.Key, c.State, c.Summary!.HasFigures, Amount: a.Value)))
                .GroupBy(a => (a.Code, a.State, a.HasFigures))
                .Select(g => new RollupAmounts(g.Key.Code, g.Key.State, g.Key.HasFigures, g.Sum(a => a.Amount), g.Count())).ToList(),
            Counties = facts.Counties.Select(c => c with { Amounts = new Dictionary<string, decimal>() }).ToList(),
        };
    }

    [Fact]
    public void Facts_changed_with_a_with_expression_are_computed_again_not_taken_from_before()
    {
        var facts = Region(30, seed: 7);
        var submittedOnly = facts.Included.Count;
        var withDrafts = facts with { IncludeDrafts = true };
        Assert.Equal(facts.Counties.Count(c => c.HasSubmitted && c.Summary is not null), submittedOnly);
        Assert.Equal(facts.Counties.Count(c => c.Summary is not null && (c.HasSubmitted || c.IsDraftWithFigures)), withDrafts.Included.Count);
        Assert.Equal(submittedOnly, facts.Included.Count); // the first one's answer did not move
        var fewer = withDrafts with { Counties = withDrafts.Counties.Take(10).ToList() };
        Assert.Equal(fewer.Counties.Count(c => c.Summary is not null && (c.HasSubmitted || c.IsDraftWithFigures)), fewer.Included.Count);
    }

    [Fact]
    public void A_county_counted_once_per_failing_indicator_even_when_its_summary_lists_the_code_twice()
    {
        var facts = new RegionFacts("运城市", 2021, GoldenCase.Scheme, null,
        [
            new RollupCounty("甲县", CountyState.Submitted, false, new ResultSummary(1, 1, 0, 0, ["A10.03", "A10.03"], 0, new Dictionary<string, decimal> { ["A10.03"] = 80m })),
        ]);
        Assert.Equal(["甲县"], facts.FailingIn("A10.03").Select(c => c.Name));
        Assert.Empty(facts.FailingIn("A10.06"));
    }
}
