using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;

namespace EduDuty.Reporting.Excel;

/// <summary>One county of the region: where it stands and, once it has an evaluation, that evaluation's results.</summary>
/// <param name="Score">The self-score under a scheme that scores (the 汇总 sheet's 自评得分 and 等次).</param>
/// <param name="Verified">The verified score once review has touched it (核定得分 and 核定等次).</param>
public sealed record CountyLine(
    string Code, string Name, string? City, string State, DateTime? SubmittedAtUtc, DateTime? ApprovedAtUtc, EvaluationResult? Result,
    Core.Scoring.ScoreCard? Score = null, Core.Scoring.ScoreCard? Verified = null);

/// <summary>
/// Every county of a region in one workbook for supervisors: a summary sheet (state, dates, filled and required counts, failing
/// indicators per area) and a sheet per area with a row per county and a column per field, inputs and computed values alike.
/// Failing cells are red with the reason as the cell's comment; cells without a value are grey; filters and frozen panes on
/// every sheet. Counties are added one at a time and written straight to the sheets' temporary files, so the number of
/// counties does not bound memory (<see cref="StreamedWorkbook"/>).
/// </summary>
public sealed class CountiesWorkbook : IDisposable
{
    private const int FirstColumns = 3; // code, name, state

    private readonly StreamedWorkbook _workbook;
    private readonly Scheme _scheme;
    private readonly SheetWriter _summary;
    private readonly List<(SchemeArea Area, SheetWriter Sheet)> _areas = [];

    /// <param name="capacity">The most counties that will be added: reserves room for the failing cells' comments.</param>
    /// <param name="progress">Told of every row written; stops the work between rows when its token is cancelled.</param>
    public CountiesWorkbook(Scheme scheme, int capacity, RenderProgress? progress = null)
    {
        _workbook = new StreamedWorkbook(progress);
        _scheme = scheme;
        var evaluationAreas = scheme.EvaluationAreas.ToList();
        string[] summaryHeaders =
        [
            "行政区划代码", "县（市、区）", "所属市", "状态", "提交时间", "通过时间", "必填已填", "必填项数", "未达标合计",
            .. evaluationAreas.Select(a => $"{a.Heading}未达标"),
            "未填报或无法计算的指标",
            .. scheme.Scoring is null ? (string[])[] : ["自评得分", "等次", "核定得分", "核定等次"],
        ];
        _summary = _workbook.AddSheet(new SheetSpec("汇总", [12, 14, 12, 8, 17, 17, 9, 9, 9, .. evaluationAreas.Select(_ => 12.0), 12, .. scheme.Scoring is null ? (double[])[] : [9, 8, 9, 9]])
        {
            FrozenRows = 1, FrozenColumns = 2, FilterRow = 1, Landscape = true, PrintTitleRows = 1,
        });
        _summary.Row(summaryHeaders.Select(h => XlCell.Text(h, CellStyle.Header)).ToList(), TextWidth.RowHeight(summaryHeaders.Select(h => ((string?)h, 12.0)).ToArray()));

        foreach (var area in scheme.Areas)
        {
            var names = area.Fields.Select(f => string.IsNullOrEmpty(f.Unit) || f.Unit is "是/否" or "—" ? f.NameZh : $"{f.NameZh}（{f.Unit}）").ToList();
            var widths = names.Select(n => Math.Clamp(TextWidth.Of(n) / 2 + 2, 10, 20)).ToList();
            var sheet = _workbook.AddSheet(new SheetSpec(area.Heading, [12, 14, 8, .. widths])
            {
                FrozenRows = 2, FrozenColumns = 2, FilterRow = 2, Landscape = true, PrintTitleRows = 2,
                CommentCapacity = capacity * area.Fields.Count(f => f.IsJudged),
            });
            sheet.Row([XlCell.Empty, XlCell.Text(area.Heading, CellStyle.Label), XlCell.Empty, .. area.Fields.Select(f => XlCell.Text(f.Code, CellStyle.Code))]);
            sheet.Row(
                [XlCell.Text("行政区划代码", CellStyle.Header), XlCell.Text("县（市、区）", CellStyle.Header), XlCell.Text("状态", CellStyle.Header),
                 .. names.Select(n => XlCell.Text(n, CellStyle.Header))],
                TextWidth.RowHeight(names.Zip(widths, (n, w) => ((string?)n, w)).ToArray()));
            _areas.Add((area, sheet));
        }
    }

    public static string FileName(string region, int year) => $"{region}-{year}-各县数据.xlsx";

    public void Add(CountyLine county)
    {
        var completeness = county.Result is { } r ? Completeness.Of(r) : null;
        var failing = county.Result?.Failing.ToLookup(f => f.Field.AreaKey);
        // Nothing judged yet (in the county, or in an area) reads "未填", never 0 failing (decision 0035).
        var tally = county.Result is { } judged ? IndicatorStates.Tally(judged) : null;
        _summary.Row(
        [
            XlCell.Text(county.Code), XlCell.Text(county.Name), XlCell.Text(county.City), XlCell.Text(county.State),
            XlCell.Text(county.SubmittedAtUtc is { } s ? ChinaTime.DateTimeOf(s) : null),
            XlCell.Text(county.ApprovedAtUtc is { } a ? ChinaTime.DateTimeOf(a) : null),
            new XlCell(completeness?.RequiredFilled), new XlCell(completeness?.Required),
            tally is null ? XlCell.Empty : tally.Known == 0 ? Unfilled : new XlCell(tally.Failing),
            .. _scheme.EvaluationAreas.Select(area => failing is null ? XlCell.Empty
                : !county.Result!.InArea(area.Key).Any(r => IndicatorStates.Of(county.Result, r) is IndicatorState.Pass or IndicatorState.Fail) && area.Fields.Any(f => f.IsJudged) ? Unfilled
                : new XlCell(failing[area.Key].Count(), failing[area.Key].Any() ? CellStyle.Failing : CellStyle.Default)),
            tally is null ? XlCell.Empty : new XlCell(tally.Unknown),
            .. _scheme.Scoring is null ? (XlCell[])[] : [XlCell.Number(county.Score?.Total, CellStyle.Default), XlCell.Text(county.Score?.Grade.Name),
                   XlCell.Number(county.Verified?.Total, CellStyle.Default), XlCell.Text(county.Verified?.Grade.Name)],
        ]);

        foreach (var (area, sheet) in _areas)
        {
            var cells = new List<XlCell>(FirstColumns + area.Fields.Count) { XlCell.Text(county.Code), XlCell.Text(county.Name), XlCell.Text(county.State) };
            cells.AddRange(area.Fields.Select(f => county.Result is { } result ? Cell(result[f.Code]) : new XlCell(null, CellStyle.Unfilled)));
            sheet.Row(cells);
            if (county.Result is not { } evaluated) continue;
            for (var i = 0; i < area.Fields.Count; i++)
            {
                if (evaluated[area.Fields[i].Code] is { Status: JudgmentStatus.Fail } fail) sheet.Comment(FirstColumns + i + 1, fail.Reason);
            }
        }
    }

    private static readonly XlCell Unfilled = XlCell.Text("未填", CellStyle.Unfilled);

    public Task SaveAsync(Stream output, CancellationToken cancellationToken = default) => _workbook.SaveAsync(output, cancellationToken);

    public void Dispose() => _workbook.Dispose();

    // Inputs as entered, computed values as the report prints them (rounded at the field's precision).
    private static XlCell Cell(FieldResult result)
    {
        if (result.Value is not { } value) return new XlCell(null, CellStyle.Unfilled);
        var style = result.Status == JudgmentStatus.Fail ? CellStyle.Failing : CellStyle.Default;
        return value.Type switch
        {
            FieldValueType.Number => XlCell.Number(result.Field.Kind.IsInput() ? value.Number : result.DisplayNumber, style),
            FieldValueType.Flag => XlCell.Text(value.Flag ? "是" : "否", style),
            _ => XlCell.Text(value.Text, style),
        };
    }
}
