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

    /// <summary>The stored verified score and grade, once review has decided a claim or adjusted an indicator.</summary>
    public Scoring.StoredScore? Verified { get; init; }

    /// <summary>The county's entered amounts in 万元 (<see cref="RegionFacts.AmountFields"/>), by code; empty when not read.</summary>
    public IReadOnlyDictionary<string, decimal> Amounts { get; init; } = new Dictionary<string, decimal>();

    public bool Fails(string code) => Summary?.FailingCodes.Contains(code, StringComparer.Ordinal) == true;

    public decimal? ValueOf(string code) => Summary?.JudgedValues.TryGetValue(code, out var value) == true ? value : null;

    /// <summary>Submitted or approved: its figures are the county's return.</summary>
    public bool HasSubmitted => State is CountyState.Submitted or CountyState.Approved;

    /// <summary>A draft or a returned evaluation with at least one figure entered.</summary>
    public bool IsDraftWithFigures => State is CountyState.Draft or CountyState.Returned && Summary is { } s && s.RequiredFilled + s.OptionalFilled > 0;

    /// <summary>The state as lists show it (<see cref="CountyStates.DisplayName(CountyState, bool)"/>): 未开始填报 for a draft with
    /// nothing entered, as the county's conclusion and the dashboard say, not 草稿.</summary>
    public string StateText => State.DisplayName(Summary?.HasFigures == true);

    /// <summary>Required figures not entered: the indicators computed from them are unknown, never counted as met.</summary>
    public int Unfilled => Summary is { } s ? s.Required - s.RequiredFilled : 0;
}

/// <summary>
/// The amounts in 万元 of one code entered by the evaluations of one state (with or without figures): what a region's totals
/// are added up from when the database sums them (issue 28) instead of the counties' <see cref="RollupCounty.Amounts"/>.
/// </summary>
public sealed record RollupAmounts(string Code, CountyState State, bool HasFigures, decimal Sum, int Count);

/// <summary>What the portal knows of how the evaluation was done in the region: evidence files uploaded and returns in review.</summary>
public sealed record RollupProcess(int EvidenceFiles, int Returns)
{
    public static readonly RollupProcess None = new(0, 0);
}

/// <summary>
/// What a region's roll-up report (综合报告) is written from: the region, the year and its scheme, the deadline, and every county
/// with its summary. Only the <see cref="Included"/> counties' figures are summed up, judged and compared: those that have
/// submitted, and with <see cref="IncludeDrafts"/> the drafts with figures too (the report is then a 征求意见稿). The counts and
/// figures the region's placeholders print are computed here, once.
/// </summary>
public sealed record RegionFacts(string Region, int Year, Scheme Scheme, DateOnly? Deadline, IReadOnlyList<RollupCounty> Counties)
{
    /// <summary>Whether counties still in their own hands (draft, returned) with figures are summed up too.</summary>
    public bool IncludeDrafts { get; init; }

    /// <summary>Evidence files and returns in review, as counted by the portal.</summary>
    public RollupProcess Process { get; init; } = RollupProcess.None;

    /// <summary>The supervision office above the region (the default addressee), e.g. 山西省人民政府教育督导委员会办公室.</summary>
    public string? Superior { get; init; }

    /// <summary>The date by which counties report their rectification (整改要求), from the saved settings.</summary>
    public DateOnly? RectificationDue { get; init; }

    /// <summary>
    /// The region's amounts in 万元 summed by code, state and whether figures are entered (<see cref="RollupAmounts"/>), as the
    /// database adds them up; null: the totals are added up from the counties' <see cref="RollupCounty.Amounts"/>. Either way
    /// only the included counties' amounts count (<see cref="Includes"/>).
    /// </summary>
    public IReadOnlyList<RollupAmounts>? AmountGroups { get; init; }

    public bool IsIncluded(RollupCounty county) => county.Summary is not null && Includes(county.State, county.Summary.HasFigures, IncludeDrafts);

    /// <summary>
    /// Whether an evaluation in a state, with figures entered or not, is summed up: submitted or approved, and with drafts
    /// included a draft or returned evaluation with at least one figure. The one rule for the counties and the summed amounts.
    /// </summary>
    public static bool Includes(CountyState state, bool hasFigures, bool includeDrafts) =>
        state is CountyState.Submitted or CountyState.Approved || (includeDrafts && state is CountyState.Draft or CountyState.Returned && hasFigures);

    /// <summary>The counties whose figures the report sums up, judges and compares.</summary>
    public IReadOnlyList<RollupCounty> Included => Index.Included;

    /// <summary>The counties left out: not started, or not yet submitted (a draft without figures even when drafts are included).</summary>
    public IReadOnlyList<RollupCounty> Excluded => Index.Excluded;

    /// <summary>Included counties that have not submitted: what makes the report a 征求意见稿.</summary>
    public IReadOnlyList<RollupCounty> IncludedDrafts => Index.IncludedDrafts;

    /// <summary>The counties evaluated this year (an evaluation was opened for them) and included.</summary>
    public IEnumerable<RollupCounty> Evaluated => Included.Where(c => c.Summary is not null);

    public int Count(params CountyState[] states) => Counties.Count(c => states.Contains(c.State));

    /// <summary>The included counties failing an indicator, in the counties' order: looked up, not searched (issue 28).</summary>
    public IReadOnlyList<RollupCounty> FailingIn(string code) => Index.Failing.TryGetValue(code, out var counties) ? counties : [];

    /// <summary>The included counties with a value for a judged number, lowest first (equal values in the counties' order).</summary>
    public IReadOnlyList<(RollupCounty County, decimal Value)> ValuesOf(string code) =>
        Index.Sorted.GetOrAdd(code, c => Index.Values.TryGetValue(c, out var values) ? values.OrderBy(v => v.Value).ToList() : []);

    /// <summary>Whether any included county has a value for a judged number.</summary>
    public bool HasValue(string code) => Index.Values.ContainsKey(code);

    /// <summary>
    /// The values of <see cref="FailingIn"/>'s counties for the code, in the same order (null: the county has none) — what each
    /// county's <see cref="RollupCounty.ValueOf"/> says, read in the facts' one pass over the values.
    /// </summary>
    public IReadOnlyList<decimal?> FailingValuesIn(string code) => Index.FailingValues.TryGetValue(code, out var values) ? values : [];

    /// <summary>The included counties' amounts of a code in 万元 added up, and how many entered one; null when none did.</summary>
    public (decimal Sum, int Count)? AmountTotal(string code) => Index.Amounts.TryGetValue(code, out var total) ? total : null;

    /// <summary>The middle value, or the mean of the two middle ones; null without values.</summary>
    public decimal? Median(string code) => MedianOf(ValuesOf(code).Select(v => v.Value).ToList());

    internal static decimal? MedianOf(IReadOnlyList<decimal> sorted)
    {
        if (sorted.Count == 0) return null;
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Judged indicators no included county fails and at least one has a value for: what every county meets.</summary>
    public IEnumerable<SchemeField> MetEverywhere =>
        Scheme.Fields.Where(f => f.IsJudged && !f.IsConsistencyCheck && f.Threshold is not null && HasValue(f.Code) && !Index.Failing.ContainsKey(f.Code));

    /// <summary>Indicators failing in at least one included county, in catalog order.</summary>
    public IEnumerable<SchemeField> FailingSomewhere => Scheme.Fields.Where(f => Index.Failing.ContainsKey(f.Code));

    // What the report asks of the counties again and again, worked out once per counties and IncludeDrafts: a record copied
    // with `with` shares this holder, so what it holds is rebuilt whenever either differs from what it was built from. Equal
    // to any other holder: a cache is no part of the facts' equality.
    private readonly IndexHolder _holder = new();

    private FactsIndex Index
    {
        get
        {
            var index = _holder.Current;
            if (index is null || !ReferenceEquals(index.Counties, Counties) || index.IncludeDrafts != IncludeDrafts) _holder.Current = index = new FactsIndex(this);
            return index;
        }
    }

    private sealed class IndexHolder
    {
        public FactsIndex? Current { get; set; }

        public override bool Equals(object? obj) => obj is IndexHolder;

        public override int GetHashCode() => 0;
    }

    private sealed class FactsIndex
    {
        public FactsIndex(RegionFacts facts)
        {
            (Counties, IncludeDrafts) = (facts.Counties, facts.IncludeDrafts);
            var values = Values.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var county in facts.Counties)
            {
                if (!facts.IsIncluded(county))
                {
                    Excluded.Add(county);
                    continue;
                }

                Included.Add(county);
                if (!county.HasSubmitted) IncludedDrafts.Add(county);
                // Every judged value of the county in one pass (stored text parsed once, not searched a code at a time).
                if (county.Summary!.JudgedValues is PackedValues packed)
                    packed.ForEach((values, county), static (s, code, value) => Add(s.values, s.county, code, value));
                else
                    foreach (var (code, value) in county.Summary.JudgedValues) Add(values, county, code, value);
                foreach (var code in county.Summary.FailingCodes)
                {
                    if (!Failing.TryGetValue(code, out var list))
                    {
                        Failing[code] = list = [];
                        FailingValues[code] = [];
                    }

                    if (list.Count > 0 && ReferenceEquals(list[^1], county)) continue; // a code listed twice counts the county once
                    list.Add(county);
                    FailingValues[code].Add(Values.TryGetValue(code, out var valued) && valued.Count > 0 && ReferenceEquals(valued[^1].County, county) ? valued[^1].Value : null);
                }

                if (facts.AmountGroups is null)
                    foreach (var (code, amount) in county.Amounts) Amounts[code] = Amounts.TryGetValue(code, out var total) ? (total.Sum + amount, total.Count + 1) : (amount, 1);
            }

            foreach (var group in facts.AmountGroups ?? [])
            {
                if (group.Count == 0 || !Includes(group.State, group.HasFigures, IncludeDrafts)) continue;
                Amounts[group.Code] = Amounts.TryGetValue(group.Code, out var total) ? (total.Sum + group.Sum, total.Count + group.Count) : (group.Sum, group.Count);
            }
        }

        // A county's value of a code, after those of the counties before it; a code given twice keeps its first value (as a lookup finds).
        private static void Add(Dictionary<string, List<(RollupCounty County, decimal Value)>>.AlternateLookup<ReadOnlySpan<char>> values, RollupCounty county, ReadOnlySpan<char> code, decimal value)
        {
            if (!values.TryGetValue(code, out var list)) values[code] = list = [];
            if (list.Count > 0 && ReferenceEquals(list[^1].County, county)) return;
            list.Add((county, value));
        }

        public IReadOnlyList<RollupCounty> Counties { get; }

        public bool IncludeDrafts { get; }

        public List<RollupCounty> Included { get; } = [];

        public List<RollupCounty> Excluded { get; } = [];

        public List<RollupCounty> IncludedDrafts { get; } = [];

        public Dictionary<string, List<RollupCounty>> Failing { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<decimal?>> FailingValues { get; } = new(StringComparer.Ordinal);

        /// <summary>Each code's values in the included counties' order (a county without a value for it is not listed).</summary>
        public Dictionary<string, List<(RollupCounty County, decimal Value)>> Values { get; } = new(StringComparer.Ordinal);

        public System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<(RollupCounty County, decimal Value)>> Sorted { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (decimal Sum, int Count)> Amounts { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// The amounts a roll-up totals: the scheme's entered numbers in 万元 (for SX-2021 the education spending, the general
    /// budget, the training and operating funds, this year's and the same period last year's). Money adds up across counties;
    /// rates and shares do not, and are compared by their distribution instead (<see cref="KeyRates"/>).
    /// </summary>
    public static IEnumerable<SchemeField> AmountFields(Scheme scheme) =>
        scheme.Fields.Where(f => f.Kind == FieldKind.Number && f.Unit == "万元");

    /// <summary>The judged rates (unit %) the roll-up compares across counties with their lowest, median and highest value.</summary>
    public IEnumerable<SchemeField> KeyRates =>
        Scheme.Fields.Where(f => f.IsJudged && !f.IsConsistencyCheck && f.Threshold is not null && f.Unit == "%");
}
