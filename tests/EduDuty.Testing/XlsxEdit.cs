using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EduDuty.Testing;

/// <summary>
/// What an official does to a downloaded workbook, done with the Open XML SDK's document model (not with our writer): find a
/// row by the code in column A, put a number, a text or an error in a cell, read a cell back.
/// </summary>
public static class XlsxEdit
{
    public static byte[] Set(byte[] workbook, params (string Sheet, string Cell, object? Value)[] edits)
    {
        using var buffer = new MemoryStream();
        buffer.Write(workbook);
        using (var document = SpreadsheetDocument.Open(buffer, true))
        {
            foreach (var (sheet, reference, value) in edits)
            {
                var part = Part(document, sheet);
                var cell = part.Worksheet.Descendants<Cell>().SingleOrDefault(c => c.CellReference == reference)
                           ?? AddCell(part, reference);
                cell.RemoveAllChildren();
                cell.DataType = null;
                switch (value)
                {
                    case null: break;
                    case string text when text.StartsWith('#'):
                        cell.DataType = CellValues.Error;
                        cell.CellValue = new CellValue(text);
                        break;
                    case string text:
                        cell.DataType = CellValues.InlineString;
                        cell.InlineString = new InlineString(new Text(text));
                        break;
                    case bool flag:
                        cell.DataType = CellValues.Boolean;
                        cell.CellValue = new CellValue(flag);
                        break;
                    case double number:
                        cell.CellValue = new CellValue(number);
                        break;
                    default:
                        cell.CellValue = new CellValue(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The row whose column A holds <paramref name="code"/> on <paramref name="sheet"/>.</summary>
    public static int RowOf(byte[] workbook, string sheet, string code)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var strings = document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        foreach (var row in Part(document, sheet).Worksheet.Descendants<Row>())
        {
            var first = row.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value == $"A{row.RowIndex}");
            if (first is not null && Text(first, strings) == code) return (int)row.RowIndex!.Value;
        }

        throw new InvalidOperationException($"{code} not on {sheet}");
    }

    /// <summary>Every cell's text by reference, per sheet (shared, inline and plain values).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Cells(byte[] workbook)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var strings = document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().ToDictionary(
            s => s.Name!.Value!,
            s => (IReadOnlyDictionary<string, string>)((WorksheetPart)document.WorkbookPart.GetPartById(s.Id!)).Worksheet.Descendants<Cell>()
                .ToDictionary(c => c.CellReference!.Value!, c => Text(c, strings)));
    }

    public static WorksheetPart Part(SpreadsheetDocument document, string sheet)
    {
        var entry = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet);
        return (WorksheetPart)document.WorkbookPart.GetPartById(entry.Id!);
    }

    private static string Text(Cell cell, List<string> strings)
    {
        if (cell.DataType?.Value == CellValues.SharedString) return strings[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)];
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        return cell.CellValue?.Text ?? "";
    }

    private static Cell AddCell(WorksheetPart part, string reference)
    {
        var (column, rowNumber) = Reporting.Excel.CellReference.Parse(reference)!.Value;
        var data = part.Worksheet.GetFirstChild<SheetData>()!;
        var row = data.Elements<Row>().SingleOrDefault(r => r.RowIndex?.Value == (uint)rowNumber);
        if (row is null)
        {
            row = new Row { RowIndex = (uint)rowNumber };
            data.InsertBefore(row, data.Elements<Row>().FirstOrDefault(r => r.RowIndex?.Value > (uint)rowNumber));
        }

        var cell = new Cell { CellReference = reference };
        var after = row.Elements<Cell>().FirstOrDefault(c => Reporting.Excel.CellReference.Parse(c.CellReference?.Value)?.Column > column);
        row.InsertBefore(cell, after);
        return cell;
    }
}

/// <summary>The comments of a workbook's sheets, read with the SDK's document model: sheet → cell → text.</summary>
public static class XlsxComments
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Of(byte[] workbook)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        return document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToDictionary(
            s => s.Name!.Value!,
            s => (IReadOnlyDictionary<string, string>)(((WorksheetPart)document.WorkbookPart.GetPartById(s.Id!)).WorksheetCommentsPart?.Comments
                .Descendants<Comment>().ToDictionary(c => c.Reference!.Value!, c => c.InnerText) ?? new Dictionary<string, string>()));
    }

    /// <summary>Whether a sheet has the drawing Excel needs to show its comments (a legacy VML part, referenced by the sheet).</summary>
    public static bool HasCommentDrawing(byte[] workbook, string sheet)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var part = XlsxEdit.Part(document, sheet);
        var legacy = part.Worksheet.Descendants<LegacyDrawing>().SingleOrDefault();
        return legacy is not null && part.GetPartById(legacy.Id!) is VmlDrawingPart;
    }
}
