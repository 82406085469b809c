using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Core.Years;
using static EduDuty.Reporting.Excel.CountyWorkbookLayout;

namespace EduDuty.Reporting.Excel;

/// <summary>What a county workbook is made from: the county's evaluated figures, their stored versions and last year's values.</summary>
/// <param name="Versions">The stored version of each saved figure (0 or absent when none): kept hidden for the upload.</param>
/// <param name="LastYear">Last year's values by field code, for the fields that existed then (computed ones as last year's report printed them).</param>
public sealed record CountyWorkbookContent(
    EvaluationResult Result,
    string County,
    string? CountyCode,
    int Year,
    IReadOnlyDictionary<string, int> Versions,
    IReadOnlyDictionary<string, FieldValue> LastYear,
    DateTime GeneratedAtUtc)
{
    public Scheme Scheme => Result.Scheme;

    /// <summary>
    /// A department's workbook (部门填报表, issue 30): the department's name on the cover, and only these entered fields — no
    /// computed rows and no other input, so that the file carries no other office's figures; an area without any of them has
    /// no sheet. Null: the county's whole workbook.
    /// </summary>
    public DepartmentPart? Department { get; init; }

    /// <summary>Whether the workbook has a row for <paramref name="field"/>.</summary>
    public bool Includes(SchemeField field) => Department is not { } part || (field.Kind.IsInput() && part.Fields.Contains(field.Code));

    /// <summary>The department that enters each entered field, by code (issue 30); a field not named is 教育局's (the county's own).</summary>
    public IReadOnlyDictionary<string, string> Departments { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The name <see cref="CountyWorkbookLayout.DepartmentHeader"/> shows for an entered field.</summary>
    public string DepartmentOf(string code) => Departments.GetValueOrDefault(code) ?? Core.Departments.DepartmentNames.Education;
}

/// <summary>The department a workbook is made for and the entered fields it owns.</summary>
public sealed record DepartmentPart(string Name, IReadOnlySet<string> Fields);

/// <summary>
/// The county's offline workbook: a cover (county, year, scheme and version, when made, how to fill it in) and one sheet per
/// area in scheme order. Every input is a row with its code, name, unit, last year's value, this year's value (prefilled with
/// what is saved), the required mark and the definition; computed values are locked rows with their formula in words.
/// Only the value cells are unlocked; each carries the entry rule of its field as a validation (是/否 from a list, whole
/// numbers where the scheme counts). Read back by <see cref="CountyWorkbookReader"/>.
/// </summary>
public static class CountyWorkbook
{
    /// <exception cref="OperationCanceledException"><paramref name="progress"/>'s token was cancelled: stopped between two rows.</exception>
    public static byte[] Write(CountyWorkbookContent content, RenderProgress? progress = null)
    {
        using var workbook = new StreamedWorkbook(progress);
        WriteCover(workbook, content);
        var required = RequiredFields.Of(content.Scheme).Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var area in content.Scheme.Areas.Where(a => a.Fields.Any(content.Includes))) WriteArea(workbook, content, area, required);
        return workbook.ToArray();
    }

    public static string FileName(string county, int year) => $"{county}-{year}-填报表.xlsx";

    /// <summary>A department's workbook: "闻喜县-2021-财政局-填报表.xlsx".</summary>
    public static string FileName(string county, int year, string department) => $"{county}-{year}-{department}-填报表.xlsx";

    private static void WriteCover(StreamedWorkbook workbook, CountyWorkbookContent content)
    {
        var scheme = content.Scheme;
        var sheet = workbook.AddSheet(new SheetSpec(CoverSheet, [18, 70]) { Protected = true, PrintTitleRows = 1 });
        var who = content.Department is { } part ? $"（{part.Name}）" : string.Empty;
        sheet.Row([XlCell.Text($"{content.County}{content.Year}年度履行教育职责自评数据填报表{who}", CellStyle.Title)]);
        sheet.Row([]);
        Pair(CountyLabel, content.County);
        Pair(CountyCodeLabel, content.CountyCode);
        Pair(YearLabel, content.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Pair(SchemeLabel, scheme.Code);
        Pair(VersionLabel, scheme.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Pair("方案名称", scheme.Info.Title);
        Pair("生成时间", ChinaTime.DateTimeOf(content.GeneratedAtUtc));
        if (content.Department is { } department) Pair(DepartmentLabel, department.Name);
        sheet.Row([]);
        sheet.Row([XlCell.Text("填写说明", CellStyle.Label)]);
        string[] instructions = content.Department is not null ? DepartmentInstructions :
        [
            "1. 每个评价领域一个工作表。只有黄色单元格（“本年数值”列）可以填写，已保存的数据已预先填入。",
            "2. “是/否”项请从单元格的下拉列表中选择；人数、学校数等须填整数；百分比填 0–100 之间的数，不带 % 号。",
            "3. 灰色行是系统按公式计算的指标（下载时的结果），不需填写；上传后按新数据重新计算。",
            "4. “上年数值”来自本县上一年度已提交或已通过的评价，仅供对照；最后一列“较上年变化”按下载时的本年数值计算。",
            "5. 可以把工作表分发给财政、人社等部门分别填写；上传时只会修改在本表中改动过的单元格，其他人在系统中填写的数据不受影响。",
            "6. 请不要修改代码列、工作表结构和本封面。填好后在系统的评价概览“导入与导出”中上传本文件，预览无误后确认导入。",
        ];
        foreach (var line in instructions) sheet.Row([XlCell.Empty, XlCell.Text(line, CellStyle.Note)], TextWidth.RowHeight((line, 70)));

        void Pair(string label, string? value) => sheet.Row([XlCell.Text(label, CellStyle.Label), XlCell.Text(value, CellStyle.Wrapped)]);
    }

    private static readonly string[] DepartmentInstructions =
    [
        "1. 本表只含分配给本部门填报的指标，每个评价领域一个工作表。只有黄色单元格（“本年数值”列）可以填写，已保存的数据已预先填入。",
        "2. “是/否”项请从单元格的下拉列表中选择；人数、学校数等须填整数；百分比填 0–100 之间的数，不带 % 号。",
        "3. “上年数值”来自本县上一年度已提交或已通过的评价，仅供对照。",
        "4. 上传时只读取本部门的指标，且只修改在本表中改动过的单元格；已报送或已被采纳的指标不能再修改，如需更正请联系教育局退回。",
        "5. 请不要修改代码列、工作表结构和本封面。填好后在系统“本部门填报”页面上传本文件，预览无误后确认导入，再点“报送”交教育局审核。",
    ];

    private static void WriteArea(StreamedWorkbook workbook, CountyWorkbookContent content, SchemeArea area, HashSet<string> required)
    {
        var scheme = content.Scheme;
        var rows = area.Fields.Where(content.Includes).Select(field => (Field: field, Help: Help(scheme, field, content.Result[field.Code]))).ToList();
        double[] widths =
        [
            TextWidth.Fit(rows.Select(r => r.Field.Code).Append(CodeHeader), 8, 14),
            TextWidth.Fit(rows.Select(r => r.Field.NameZh), 16, 44),
            TextWidth.Fit(rows.Select(r => r.Field.Unit), 6, 14),
            12, 28, 6, 60, 12, 8, 22, 12,
        ];
        var sheet = workbook.AddSheet(new SheetSpec(area.Heading, widths)
        {
            FrozenRows = HeaderRow,
            Protected = true,
            PrintTitleRows = HeaderRow,
            Landscape = true,
            HiddenColumns = [Original, CountyWorkbookLayout.Version],
        });
        sheet.Row([XlCell.Text(area.Heading, CellStyle.Title)]);
        sheet.Row([XlCell.Text($"{content.County} · {content.Year}年度 · {scheme.Code} 第{scheme.Version}版　黄色单元格可填写，灰色为计算值", CellStyle.Subtitle)]);
        sheet.Row(Headers.Select(h => XlCell.Text(h, CellStyle.Header)).ToList());

        foreach (var (field, help) in rows)
        {
            var result = content.Result[field.Code];
            var height = TextWidth.RowHeight((field.NameZh, widths[1]), (help, widths[6]), (field.Kind == FieldKind.Text ? result.Value?.Text : null, widths[4]));
            FieldValue? last = content.LastYear.TryGetValue(field.Code, out var found) ? found : null;
            var lastYear = last is { } shown ? Value(shown, field, CellStyle.Wrapped) : XlCell.Empty;
            var previous = last?.AsNumber is { } number ? DisplayFormat.Round(number, field.Precision) : (decimal?)null;
            var change = YearChange.Between(previous, result.DisplayNumber) is { } moved ? XlCell.Text(moved.Describe(field), CellStyle.Note) : XlCell.Empty;
            if (field.Kind.IsInput())
            {
                var value = result.Value is { } v ? Value(v, field, InputStyle(field)) : new XlCell(null, InputStyle(field));
                sheet.Row(
                [
                    XlCell.Text(field.Code, CellStyle.Code), XlCell.Text(field.NameZh, CellStyle.Wrapped), XlCell.Text(field.Unit, CellStyle.Wrapped),
                    lastYear, value, XlCell.Text(required.Contains(field.Code) ? "必填" : null, CellStyle.Wrapped), XlCell.Text(help, CellStyle.Note),
                    XlCell.Text(result.Value?.ToInvariantString()), new XlCell(content.Versions.GetValueOrDefault(field.Code)), change,
                    XlCell.Text(content.DepartmentOf(field.Code), CellStyle.Wrapped),
                ], height);
                sheet.Validate(CountyWorkbookLayout.Value, Validation(field));
            }
            else
            {
                var style = result.Status == JudgmentStatus.Fail ? CellStyle.Failing : result.HasValue ? CellStyle.Computed : CellStyle.Unfilled;
                sheet.Row(
                [
                    XlCell.Text(field.Code, CellStyle.Code), XlCell.Text(field.NameZh, CellStyle.Computed), XlCell.Text(field.Unit, CellStyle.Computed),
                    lastYear, result.Value is { } v ? Value(v, field, style, rounded: true) : new XlCell(null, style), XlCell.Text(null, CellStyle.Computed),
                    XlCell.Text(help, CellStyle.Note), XlCell.Empty, XlCell.Empty, change, XlCell.Text(null, CellStyle.Computed),
                ], height);
            }
        }
    }

    private static CellStyle InputStyle(SchemeField field) => field.Kind == FieldKind.Text ? CellStyle.InputText : CellStyle.Input;

    // Numbers stay numbers (so that a spreadsheet can sum them); 是/否 and texts as the portal shows them.
    private static XlCell Value(FieldValue value, SchemeField field, CellStyle style, bool rounded = false) => value.Type switch
    {
        FieldValueType.Number => XlCell.Number(rounded ? DisplayFormat.Round(value.Number, field.Precision) : value.Number, style),
        FieldValueType.Flag => XlCell.Text(value.Flag ? "是" : "否", style),
        _ => XlCell.Text(value.Text, style),
    };

    private static string? Help(Scheme scheme, SchemeField field, FieldResult result)
    {
        if (field.Kind.IsInput()) return field.Help;
        var parts = new List<string>();
        if (scheme.DescribeFormula(field) is { } formula) parts.Add($"计算：{formula}");
        if (field.IsJudged) parts.Add($"目标：{field.Threshold!.Describe(field.Unit)}");
        if (result.Status is JudgmentStatus.Pass or JudgmentStatus.Fail) parts.Add($"下载时：{result.Status.DisplayName()}");
        return string.Join("；", parts);
    }

    // What Excel checks while the county types; the reader checks again with the same entry rules (EntryRange).
    private static CellValidation Validation(SchemeField field)
    {
        switch (field.Kind)
        {
            case FieldKind.Bool:
                return new CellValidation(ValidationKind.List, "请从下拉列表选择“是”或“否”。", "请从下拉列表选择“是”或“否”。", Items: "是,否");
            case FieldKind.Text:
                return new CellValidation(ValidationKind.TextLength, $"文字，最多 {FigureEntryValidator.MaxTextLength} 字。",
                    $"内容过长：最多 {FigureEntryValidator.MaxTextLength} 个字符，请精简。", Max: FigureEntryValidator.MaxTextLength);
            default:
                var range = EntryRange.Of(field);
                var what = range.Describe(field.Unit);
                return new CellValidation(range.Whole ? ValidationKind.Whole : ValidationKind.Decimal, $"请填写{what}。", $"请输入{what}。", range.Min, range.Max);
        }
    }
}
