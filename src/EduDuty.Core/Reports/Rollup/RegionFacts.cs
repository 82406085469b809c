using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Reports.Rollup;

/// <summary>One county of the region as the roll-up report sees it: its state, whether it is past the deadline, and its results in brief.</summary>
/// <param name="Summary">Null when no evaluation was opened for the county this year.</param>
public sealed record RollupCounty(string Name, CountyState State, bool Overdue, ResultSummary? Summary)
{
    /// <summary>The stored self-score and grade, under a scheme that scores.</summary>
    public Scoring.StoredScore? Score { get; init; }

    public bool Fails(string code) => Summary?.FailingCodes.Contains(code, StringComparer.Ordinal) == true;

    public decimal? ValueOf(string code) => Summary?.JudgedValues.TryGetValue(code, out var value) == true ? value : null;
}

/// <summary>
/// What a region's roll-up report (综合报告) is written from: the region, the year and its scheme, the deadline, and every county
/// with its summary. The counts and figures the region's placeholders print are computed here, once.
/// </summary>
public sealed record RegionFacts(string Region, int Year, Scheme Scheme, DateOnly? Deadline, IReadOnlyList<RollupCounty> Counties)
{
    /// <summary>The counties evaluated this year (an evaluation was opened for them).</summary>
    public IEnumerable<RollupCounty> Evaluated => Counties.Where(c => c.Summary is not null);

    public int Count(params CountyState[] states) => Counties.Count(c => states.Contains(c.State));

    public IReadOnlyList<RollupCounty> FailingIn(string code) => Counties.Where(c => c.Fails(code)).ToList();

    /// <summary>The counties with a value for a judged number, lowest first.</summary>
    public IReadOnlyList<(RollupCounty County, decimal Value)> ValuesOf(string code) =>
        Counties.Select(c => (County: c, Value: c.ValueOf(code))).Where(v => v.Value is not null)
            .Select(v => (v.County, v.Value!.Value)).OrderBy(v => v.Item2).ToList();

    /// <summary>The middle value, or the mean of the two middle ones; null without values.</summary>
    public decimal? Median(string code)
    {
        var values = ValuesOf(code);
        if (values.Count == 0) return null;
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle].Value : (values[middle - 1].Value + values[middle].Value) / 2;
    }

    /// <summary>Judged indicators no county fails and at least one county has a value for: what every county meets.</summary>
    public IEnumerable<SchemeField> MetEverywhere =>
        Scheme.Fields.Where(f => f.IsJudged && !f.IsConsistencyCheck && f.Threshold is not null
            && Counties.Any(c => c.ValueOf(f.Code) is not null) && !Counties.Any(c => c.Fails(f.Code)));

    /// <summary>Indicators failing in at least one county, in catalog order.</summary>
    public IEnumerable<SchemeField> FailingSomewhere => Scheme.Fields.Where(f => Counties.Any(c => c.Fails(f.Code)));
}
