using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EduDuty.Core.Evidence;
using EduDuty.Core.Figures;
using EduDuty.Core.Schemes;
using static EduDuty.Reporting.Excel.CountyWorkbookLayout;

namespace EduDuty.Reporting.Excel;

/// <summary>What the cover of an uploaded workbook says it is.</summary>
public sealed record WorkbookCover(string? County, int? Year, string? SchemeCode, int? SchemeVersion)
{
    /// <summary>The department a department's workbook was made for (填报部门, issue 30); null on the county's workbook.</summary>
    public string? Department { get; init; }
}

/// <summary>
/// One input read from a workbook: what the cell holds now, where it is, and — when the workbook was made by us — what it held
/// when it was made, so that only edited cells count as changes.
/// </summary>
public sealed record WorkbookEntry(FigureEntry Entry, string Location, bool HasOriginal, string? Original, int? Version)
{
    public SchemeField Field => Entry.Field;

    /// <summary>Whether the cell differs from what the workbook was made with (always true for a workbook without that record).</summary>
    public bool Edited => !HasOriginal || Entry.ToValue()?.ToInvariantString() != (string.IsNullOrEmpty(Original) ? null : Original);
}

public sealed record CountyWorkbookRead(WorkbookCover? Cover, Scheme? Scheme, IReadOnlyList<WorkbookEntry> Entries, IReadOnlyList<FigureError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Scheme is not null;

    public static CountyWorkbookRead Refused(string location, string message) => new(null, null, [], [new FigureError(location, message)]);
}

/// <summary>
/// Reads a county workbook back, whichever program saved it last (Excel, WPS, LibreOffice): cells as shared or inline strings,
/// numbers, booleans or formulas with their cached results. Fields are found by the code in column A on any sheet, so renamed
/// or reordered sheets still read. The cover names the county, year and scheme; <c>resolve</c> decides whether that is the
/// workbook expected and with which scheme to read it. Every problem names its sheet and cell and nothing is half-read: the
/// caller gets either every entry or every problem. Never throws on any content.
/// </summary>
public static class CountyWorkbookReader
{
    public const long MaxBytes = 5 * 1024 * 1024;

    // A workbook of ours expands to well under a megabyte, re-saved by any program too; the sheets are read as a document
    // model, which takes several times the XML's size, so an upload that expands past this is refused unread.
    private const long MaxExpandedBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The most cells a workbook may hold, its sheets together (issue 24): ours has about 2,500, and a program that re-saves it
    /// adds formatted empty ones; a workbook past it is refused once its cell past the limit is reached, while the sheets are
    /// read as a stream, before their cells are kept.
    /// </summary>
    public const int MaxCells = 50_000;

    private static readonly FigureEntryValidator Validator = new();

    public static CountyWorkbookRead Read(Stream content, Func<WorkbookCover, (Scheme? Scheme, IReadOnlyList<FigureError> Refusals)> resolve)
    {
        var seekable = content.CanSeek ? content : Buffer(content);
        if (seekable is null) return CountyWorkbookRead.Refused("文件", $"文件过大（上限 {MaxBytes / 1024 / 1024} MB）：请上传本系统下载的填报表");
        if (seekable.Length > MaxBytes) return CountyWorkbookRead.Refused("文件", $"文件过大（上限 {MaxBytes / 1024 / 1024} MB）：请上传本系统下载的填报表");

        var kind = EvidenceContent.Check(seekable, MaxExpandedBytes);
        if (kind.Kind != EvidenceKind.Xlsx)
        {
            return CountyWorkbookRead.Refused("文件", kind.Kind switch
            {
                EvidenceKind.Xls => "这是旧版 Excel 文件（.xls 或 .et）：请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再上传",
                null => $"无法读取这个文件：{kind.Refusal}",
                _ => $"文件是{kind.Kind.Value.DisplayName()}，不是 Excel 工作簿（.xlsx）：请上传本系统下载并填写的填报表",
            });
        }

        try
        {
            seekable.Position = 0;
            using var document = SpreadsheetDocument.Open(seekable, false, new OpenSettings { MaxCharactersInPart = MaxExpandedBytes });
            return Read(document, resolve);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or XmlException or IOException
                                       or InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
        {
            return CountyWorkbookRead.Refused("文件", "无法读取这个 Excel 文件（文件损坏或不是工作簿）：请在 Excel 或 WPS 中打开检查，另存为 .xlsx 后再上传");
        }
    }

    private static MemoryStream? Buffer(Stream content)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = content.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static CountyWorkbookRead Read(SpreadsheetDocument document, Func<WorkbookCover, (Scheme? Scheme, IReadOnlyList<FigureError> Refusals)> resolve)
    {
        if (document.WorkbookPart is not { Workbook.Sheets: { } sheetList } workbook)
            return CountyWorkbookRead.Refused("文件", "工作簿中没有工作表：请上传本系统下载的填报表");
        var strings = SharedStrings(workbook);
        var budget = MaxCells;
        var sheets = new List<(string Name, Dictionary<(int Column, int Row), CellText> Cells)>();
        foreach (var (name, part) in sheetList.Elements<Sheet>()
                     .Select(s => (Name: s.Name?.Value ?? "?", Part: s.Id?.Value is { } id && workbook.TryGetPartById(id, out var part) ? part as WorksheetPart : null))
                     .Where(s => s.Part is not null))
        {
            if (Cells(part!, strings, ref budget) is not { } cells)
                return CountyWorkbookRead.Refused("文件", Core.Messaging.Messages.TooManyRows("工作簿", "个单元格", MaxCells).Text);
            sheets.Add((name, cells));
        }

        var cover = sheets.FirstOrDefault(s => s.Name == CoverSheet);
        if (cover.Cells is null) return CountyWorkbookRead.Refused(CoverSheet, "找不到“封面”工作表（写明县、年度和评价方案）：请使用本系统下载的填报表，不要删除或改名封面");
        var read = ReadCover(cover.Cells);
        var (scheme, refusals) = resolve(read);
        if (scheme is null) return new CountyWorkbookRead(read, null, [], refusals);

        var entries = new List<WorkbookEntry>();
        var errors = new List<FigureError>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, cells) in sheets.Where(s => s.Name != CoverSheet))
        {
            ReadArea(scheme, name, cells, entries, errors, seen);
        }

        return new CountyWorkbookRead(read, scheme, errors.Count == 0 ? entries : [], errors);
    }

    private static WorkbookCover ReadCover(Dictionary<(int Column, int Row), CellText> cells)
    {
        var labels = cells.Where(c => c.Key.Column == 1 && c.Value.Text is not null)
            .GroupBy(c => c.Value.Text!.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => cells.GetValueOrDefault((2, g.First().Key.Row)).Text?.Trim(), StringComparer.Ordinal);
        int? Number(string label) => int.TryParse(labels.GetValueOrDefault(label), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new WorkbookCover(labels.GetValueOrDefault(CountyLabel), Number(YearLabel), labels.GetValueOrDefault(SchemeLabel), Number(VersionLabel))
        {
            Department = labels.GetValueOrDefault(DepartmentLabel),
        };
    }

    private static void ReadArea(
        Scheme scheme, string sheet, Dictionary<(int Column, int Row), CellText> cells, List<WorkbookEntry> entries, List<FigureError> errors,
        Dictionary<string, string> seen)
    {
        // Columns by their headings, where the header row is found; ours by position otherwise.
        var headerRow = cells.Where(c => c.Key.Column == Code && c.Value.Text?.Trim() == CodeHeader).Select(c => c.Key.Row).DefaultIfEmpty(HeaderRow).Min();
        int ColumnOf(string header, int fallback) =>
            cells.Where(c => c.Key.Row == headerRow && c.Value.Text?.Trim() == header).Select(c => c.Key.Column).DefaultIfEmpty(fallback).Min();
        var valueColumn = ColumnOf(ValueHeader, CountyWorkbookLayout.Value);
        var originalColumn = cells.Any(c => c.Key.Row == headerRow && c.Value.Text?.Trim() == OriginalHeader) ? ColumnOf(OriginalHeader, Original) : (int?)null;
        var versionColumn = ColumnOf(VersionHeader, CountyWorkbookLayout.Version);

        foreach (var row in cells.Keys.Where(k => k.Column == Code && k.Row > headerRow).Select(k => k.Row).Order())
        {
            var code = cells[(Code, row)].Text?.Trim();
            if (string.IsNullOrEmpty(code)) continue;
            var codeCell = CellReference.Located(sheet, CellReference.Of(Code, row));
            if (scheme.FindField(code) is not { } field)
            {
                errors.Add(new FigureError(codeCell, $"方案 {scheme.Code} 中没有代码为 {code} 的指标：请不要修改代码列，或重新下载填报表"));
                continue;
            }

            if (!field.Kind.IsInput()) continue; // computed rows are recomputed, never read
            if (seen.TryGetValue(code, out var first))
            {
                errors.Add(new FigureError(codeCell, $"{field.NameZh}（{code}）出现了两次（另见 {first}）：请删除重复的行"));
                continue;
            }

            var location = CellReference.Located(sheet, CellReference.Of(valueColumn, row));
            seen[code] = location;
            var cell = cells.GetValueOrDefault((valueColumn, row));
            if (cell.Problem is not null)
            {
                errors.Add(new FigureError(location, $"{field.NameZh}：{cell.Problem}"));
                continue;
            }

            var raw = Raw(field, cell, out var problem);
            if (problem is not null)
            {
                errors.Add(new FigureError(location, $"{field.NameZh}：{problem}"));
                continue;
            }

            var entry = new FigureEntry(field, raw);
            var result = Validator.Validate(entry);
            if (!result.IsValid)
            {
                errors.AddRange(result.Errors.Select(e => new FigureError(location, $"{field.NameZh}：{e.ErrorMessage}")));
                continue;
            }

            var version = int.TryParse(cells.GetValueOrDefault((versionColumn, row)).Text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
            entries.Add(new WorkbookEntry(entry, location, originalColumn is not null, originalColumn is { } oc ? cells.GetValueOrDefault((oc, row)).Text : null, version));
        }
    }

    // What a cell holds as the text an official would have typed: numbers exactly as shown (a binary fraction such as
    // 66.670000000000002 back to 66.67), booleans as 是/否.
    private static string? Raw(SchemeField field, CellText cell, out string? problem)
    {
        problem = null;
        if (cell.Number is { } number)
        {
            if (field.Kind == FieldKind.Bool)
            {
                problem = "请从下拉列表选择“是”或“否”";
                return null;
            }

            try
            {
                return ((decimal)number).ToString(CultureInfo.InvariantCulture);
            }
            catch (OverflowException)
            {
                problem = "数值过大，请核对";
                return null;
            }
        }

        if (cell.Flag is { } flag) return field.Kind == FieldKind.Bool ? (flag ? "是" : "否") : flag ? "TRUE" : "FALSE";
        return cell.Text;
    }

    /// <summary>A cell's content: text, a number or a boolean, or why it cannot be read.</summary>
    private readonly record struct CellText(string? Text, double? Number = null, bool? Flag = null, string? Problem = null);

    // A sheet's cells, read as a stream one cell at a time (the sheet is never a document model); null once more than the
    // cells left in the budget are met.
    private static Dictionary<(int Column, int Row), CellText>? Cells(WorksheetPart part, IReadOnlyList<string> strings, ref int budget)
    {
        var cells = new Dictionary<(int, int), CellText>();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Cell) || !reader.IsStartElement) continue;
            if (--budget < 0) return null;
            var cell = (Cell)reader.LoadCurrentElement()!;
            if (CellReference.Parse(cell.CellReference?.Value) is not { } at) continue;
            cells[at] = Content(cell, strings);
        }

        return cells;
    }

    private static CellText Content(Cell cell, IReadOnlyList<string> strings)
    {
        var value = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString) return new CellText(cell.InlineString is { } inline ? TextOf(inline) : null);
        if (type == CellValues.SharedString)
        {
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count
                ? new CellText(strings[index])
                : new CellText(null, Problem: "单元格内容无法读取，请重新输入");
        }

        if (type == CellValues.String) return new CellText(value);
        if (type == CellValues.Boolean) return new CellText(value, Flag: value is "1" or "true");
        if (type == CellValues.Error) return new CellText(value, Problem: $"单元格显示错误值 {value}（公式有误？），请直接填写数值");
        if (type == CellValues.Date) return new CellText(value, Problem: "单元格是日期，请填写数值");
        if (string.IsNullOrEmpty(value)) return new CellText(null);
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? new CellText(value, Number: number)
            : new CellText(value, Problem: "单元格内容无法读取，请重新输入");
    }

    private static List<string> SharedStrings(WorkbookPart workbook) =>
        workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(TextOf).ToList() ?? [];

    // The text of a string item: its own text or its runs', never the phonetic guide (rPh) some programs add.
    private static string TextOf(OpenXmlElement item) =>
        string.Concat(item.Elements<Text>().Select(t => t.Text)
            .Concat(item.Elements<Run>().SelectMany(r => r.Elements<Text>()).Select(t => t.Text)));
}
