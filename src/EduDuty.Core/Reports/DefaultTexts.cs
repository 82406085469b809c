using EduDuty.Core.Regions;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Reports;

/// <summary>
/// The scheme's default report texts as one county's report and forms offer them: worded for its kind of region
/// (<see cref="RegionWording"/>). Every place that falls back to a default reads it here.
/// </summary>
public sealed class DefaultTexts(Scheme scheme, string county)
{
    public IReadOnlyList<string> Area(SchemeArea area) => area.DefaultTexts.Select(Local).ToList();

    public string Intro => Local(scheme.Report.IntroFor(scheme.Info));

    public string ProblemsLead => Local(scheme.Report.ProblemsLead);

    /// <summary>Section 三's lead when no indicator fails and the county names no problem.</summary>
    public string NoProblemsLead => Local(ReportBuilder.NoProblemsLead);

    /// <summary>Section 三's lead when no problem is named, by how many indicators are judged (<see cref="VerdictSentences"/>).</summary>
    public string NoProblemsLeadFor(Rules.IndicatorTally tally) => tally.Unknown == 0 ? NoProblemsLead : Local(VerdictSentences.NoFailingYet(tally));

    /// <summary>The sentence before section 三's problems when some indicators are not judged; null when all are.</summary>
    public string? UnknownBesideProblems(Rules.IndicatorTally tally) => tally.Unknown == 0 ? null : Local(VerdictSentences.FailingAndUnknown(tally));

    /// <summary>Section 四's lead when section 三 names no problem: nothing to refer back to.</summary>
    public string NoProblemsPlansLead(Rules.IndicatorTally tally) => Local(tally.Unknown == 0 ? VerdictSentences.PlansWhenAllMet : VerdictSentences.PlansWhenUnknown);

    /// <summary>Under a first-level heading whose every paragraph rests on figures not entered yet.</summary>
    public string SectionWaitsForData => Local(VerdictSentences.SectionWaitsForData);

    public string PlansLead => Local(scheme.Report.PlansLead);

    public IReadOnlyList<PlanText> Plans => scheme.Report.Plans.Select(p => new PlanText(Local(p.Heading), Local(p.Text))).ToList();

    public string Local(string text) => RegionWording.Adapt(text, county);
}
