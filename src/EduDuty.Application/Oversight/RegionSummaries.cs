using System.Globalization;
using EduDuty.Application.Excel;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;

namespace EduDuty.Application.Oversight;

/// <summary>
/// One county of a region's summaries for a year (issue 29): its state (the stable name and the lists' words), the deadline,
/// completeness, the failing indicators' codes in catalog order and every judged value (decimals as strings, exactly as
/// stored) — what 督导总览 and the roll-up report are made from, read from the stored summaries (decision 0018).
/// </summary>
public sealed record CountySummary(
    string Code, string Name, int? EvaluationId, string State, string StateText, bool HasFigures, bool Overdue, string? Due,
    int RequiredFilled, int Required, int OptionalFilled, IReadOnlyList<string> Failing, IReadOnlyDictionary<string, string> Values)
{
    public static CountySummary Of(OversightCounty county) => new(
        county.Code, county.Name, county.EvaluationId, StateName(county.State), county.StateText, county.HasFigures, county.Overdue,
        county.Deadline?.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        county.Summary?.RequiredFilled ?? 0, county.Summary?.Required ?? 0, county.Summary?.OptionalFilled ?? 0, county.Failing,
        county.Values.ToDictionary(v => v.Key, v => v.Value.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal));

    /// <summary>The state's stable name for machines: notStarted, draft, submitted, returned, approved.</summary>
    public static string StateName(CountyState state) => MachineNames.Of(state);
}

/// <summary>What a region's summaries are: the year, the scheme, the region, and its counties one at a time.</summary>
public sealed record RegionSummaryStream(int Year, int SchemeId, string SchemeTitle, string RegionName, IReadOnlyList<string> JudgedCodes, IAsyncEnumerable<CountySummary> Counties);

/// <summary>
/// A region's county summaries for a year, for the API (issue 29, decision 0051): who may read them and which counties are
/// the counties' export's one rule (<see cref="CountiesWorkbookExport.SelectAsync"/>: supervisors and admins, within their
/// region); the counties come from <see cref="RegionCountiesQuery.StreamAsync"/> — one streaming read ordered by code, no list
/// of them held — so a province of 2,800 counties goes out in constant memory.
/// </summary>
public sealed class RegionSummaries(CountiesWorkbookExport export, RegionCountiesQuery counties)
{
    public async Task<Outcome<RegionSummaryStream>> OpenAsync(Actor actor, int year, string? regionCode, CancellationToken cancellationToken)
    {
        var selection = await export.SelectAsync(actor, year, null, regionCode, cancellationToken);
        if (!selection.IsDone) return new Failure(selection.Kind, selection.Reason, selection.Problems, selection.Conflicts);
        var (scheme, stream) = await counties.StreamAsync(selection.Value!, cancellationToken);
        var judged = scheme.Fields.Where(f => f.IsJudged).Select(f => f.Code).ToList();
        return Outcome.Done(new RegionSummaryStream(selection.Value!.Year, selection.Value.SchemeId, scheme.Name,
            selection.Value.RegionName, judged, Map(stream, cancellationToken)));
    }

    private static async IAsyncEnumerable<CountySummary> Map(IAsyncEnumerable<OversightCounty> counties,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var county in counties.WithCancellation(cancellationToken)) yield return CountySummary.Of(county);
    }

    /// <summary>The CSV's fixed columns; one column per judged indicator follows (its code as header).</summary>
    public static readonly IReadOnlyList<string> CsvHeaders = ["县代码", "县名称", "状态", "截止日期", "已逾期", "必填已填", "必填项数", "选填已填", "未达标指标"];

    /// <summary>A county as a CSV row: the fixed columns, then its value for each judged code (empty when it has none).</summary>
    public static IReadOnlyList<string?> CsvRow(CountySummary county, IReadOnlyList<string> judgedCodes)
    {
        var row = new string?[CsvHeaders.Count + judgedCodes.Count];
        row[0] = county.Code;
        row[1] = county.Name;
        row[2] = county.StateText;
        row[3] = county.Due;
        row[4] = county.Overdue ? "是" : "否";
        row[5] = county.RequiredFilled.ToString(CultureInfo.InvariantCulture);
        row[6] = county.Required.ToString(CultureInfo.InvariantCulture);
        row[7] = county.OptionalFilled.ToString(CultureInfo.InvariantCulture);
        row[8] = string.Join(' ', county.Failing);
        for (var i = 0; i < judgedCodes.Count; i++) row[CsvHeaders.Count + i] = county.Values.GetValueOrDefault(judgedCodes[i]);
        return row;
    }
}
