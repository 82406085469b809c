using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using EduDuty.Core.Text;
using Vml = DocumentFormat.OpenXml.Vml;

namespace EduDuty.Reporting.Excel;

/// <summary>
/// Writes one worksheet row by row into a temporary file through the SDK's forward-only <see cref="OpenXmlWriter"/>, with its
/// comments and their drawing (Excel shows a comment only with its legacy VML shape) in two more files, so that a sheet of any
/// length never sits in memory. Rows are written once, in order; <see cref="StreamedWorkbook"/> puts the files in the package.
/// </summary>
public sealed class SheetWriter : IDisposable
{
    /// <summary>The relationship id of the comment drawing, chosen here because the sheet names it before the package exists.</summary>
    internal const string VmlRelationshipId = "rIdComments";

    private const int ShapesPerBlock = 1024;

    private readonly FileStream _data;
    private readonly OpenXmlWriter _xml;
    private readonly string _directory;
    private readonly int _firstBlock;
    private readonly Dictionary<CellValidation, List<string>> _validations = [];
    private FileStream? _comments;
    private FileStream? _vml;
    private OpenXmlWriter? _commentsXml;
    private OpenXmlWriter? _vmlXml;
    private int _commentCount;
    private bool _finished;
    private readonly RenderProgress _progress;

    internal SheetWriter(SheetSpec spec, string directory, int firstBlock, RenderProgress progress)
    {
        _progress = progress;
        Spec = spec;
        _directory = directory;
        _firstBlock = firstBlock;
        _data = TempFile("sheet");
        _xml = OpenXmlWriter.Create(_data);
        _xml.WriteStartElement(new Worksheet());
        if (spec.PrintTitleRows is not null) _xml.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        WriteView();
        WriteColumns();
        _xml.WriteStartElement(new SheetData());
    }

    public SheetSpec Spec { get; }

    /// <summary>The number of the last row written (1-based); 0 before the first.</summary>
    public int LastRow { get; private set; }

    internal int Blocks => Math.Max(1, (Spec.CommentCapacity + ShapesPerBlock - 1) / ShapesPerBlock);

    internal bool HasComments => _commentCount > 0;

    /// <param name="height">In points, for rows of wrapped text: not every program sizes rows to their text when it opens a file.</param>
    public void Row(IReadOnlyList<XlCell> cells, double? height = null)
    {
        if (_finished) throw new InvalidOperationException("The sheet is finished.");
        _progress.Step();
        LastRow++;
        _xml.WriteStartElement(height is { } h ? new Row { RowIndex = (uint)LastRow, Height = h, CustomHeight = true } : new Row { RowIndex = (uint)LastRow });
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (cell.Value is null && cell.Style == CellStyle.Default) continue;
            _xml.WriteElement(ToCell(cell, CellReference.Of(i + 1, LastRow)));
        }

        _xml.WriteEndElement();
    }

    /// <summary>A comment on a cell of the last row written.</summary>
    public void Comment(int column, string text)
    {
        if (_commentCount >= Blocks * ShapesPerBlock) throw new InvalidOperationException($"More comments than the {Spec.CommentCapacity} reserved.");
        if (_commentsXml is null) StartComments();
        var reference = CellReference.Of(column, LastRow);
        _commentsXml!.WriteElement(new Comment(new CommentText(new Run(new Text(PlainText.ForExport(text)) { Space = SpaceProcessingModeValues.Preserve })))
        {
            Reference = reference,
            AuthorId = 0,
        });
        _vmlXml!.WriteElement(Shape(column - 1, LastRow - 1, _firstBlock * ShapesPerBlock + _commentCount));
        _commentCount++;
    }

    /// <summary>Applies a validation to a cell of the last row written; equal validations are written once, over all their cells.</summary>
    public void Validate(int column, CellValidation validation)
    {
        if (!_validations.TryGetValue(validation, out var cells)) _validations[validation] = cells = [];
        cells.Add(CellReference.Of(column, LastRow));
    }

    internal (Stream Data, Stream? Comments, Stream? Vml) Finish()
    {
        if (!_finished)
        {
            _finished = true;
            _xml.WriteEndElement(); // sheetData
            WriteTrailer();
            _xml.WriteEndElement(); // worksheet
            _xml.Close();
            if (_commentsXml is not null)
            {
                _commentsXml.WriteEndElement(); // commentList
                _commentsXml.WriteEndElement(); // comments
                _commentsXml.Close();
                _vmlXml!.WriteEndElement(); // xml
                _vmlXml.Close();
            }
        }

        _data.Position = 0;
        if (_comments is not null) _comments.Position = 0;
        if (_vml is not null) _vml.Position = 0;
        return (_data, _comments, _vml);
    }

    public void Dispose()
    {
        _xml.Dispose();
        _commentsXml?.Dispose();
        _vmlXml?.Dispose();
        _data.Dispose();
        _comments?.Dispose();
        _vml?.Dispose();
    }

    private FileStream TempFile(string kind) => new(
        Path.Combine(_directory, $"{kind}-{Guid.NewGuid():N}.xml"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
        FileOptions.DeleteOnClose);

    private static Cell ToCell(XlCell cell, string reference)
    {
        var result = new Cell { CellReference = reference };
        if (cell.Style != CellStyle.Default) result.StyleIndex = (uint)cell.Style;
        switch (cell.Value)
        {
            case string stored:
                // Controls and direction marks stored before the input rule held are replaced (XML 1.0 cannot carry most
                // controls); a text a spreadsheet would read as a formula once edited is marked quotePrefix, so it stays text.
                var text = PlainText.ForExport(stored);
                result.DataType = CellValues.InlineString;
                result.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
                if (PlainText.StartsLikeFormula(text)) result.StyleIndex = WorkbookStyles.QuotePrefixed(cell.Style);
                break;
            case decimal number:
                result.CellValue = new CellValue(number);
                break;
            case int number:
                result.CellValue = new CellValue(number);
                break;
            case null:
                break;
            default:
                throw new ArgumentException($"Unsupported cell value {cell.Value.GetType().Name}.", nameof(cell));
        }

        return result;
    }

    private void WriteView()
    {
        var view = new SheetView { WorkbookViewId = 0 };
        if (Spec.FrozenRows > 0 || Spec.FrozenColumns > 0)
        {
            var topLeft = CellReference.Of(Spec.FrozenColumns + 1, Spec.FrozenRows + 1);
            view.Append(new Pane
            {
                VerticalSplit = Spec.FrozenColumns > 0 ? Spec.FrozenColumns : null,
                HorizontalSplit = Spec.FrozenRows > 0 ? Spec.FrozenRows : null,
                TopLeftCell = topLeft,
                ActivePane = Spec.FrozenColumns > 0 && Spec.FrozenRows > 0 ? PaneValues.BottomRight : Spec.FrozenRows > 0 ? PaneValues.BottomLeft : PaneValues.TopRight,
                State = PaneStateValues.Frozen,
            });
        }

        _xml.WriteElement(new SheetViews(view));
    }

    private void WriteColumns()
    {
        if (Spec.Widths.Count == 0) return;
        var columns = new Columns();
        for (var i = 0; i < Spec.Widths.Count; i++)
        {
            var number = (uint)(i + 1);
            columns.Append(new Column
            {
                Min = number, Max = number, Width = Spec.Widths[i], CustomWidth = true,
                Hidden = Spec.HiddenColumns.Contains(i + 1) ? true : null,
            });
        }

        _xml.WriteElement(columns);
    }

    // The elements after the data, in the schema's order: protection, filter, validations, margins, page, comment drawing.
    private void WriteTrailer()
    {
        if (Spec.Protected)
        {
            _xml.WriteElement(new SheetProtection
            {
                Sheet = true, Objects = true, Scenarios = true,
                FormatColumns = false, FormatRows = false, AutoFilter = false, Sort = false,
            });
        }

        var columns = Spec.Widths.Count;
        if (Spec.FilterRow is { } filterRow && LastRow >= filterRow && columns > 0)
        {
            _xml.WriteElement(new AutoFilter { Reference = $"{CellReference.Of(1, filterRow)}:{CellReference.Of(columns, LastRow)}" });
        }

        if (_validations.Count > 0)
        {
            var list = new DataValidations { Count = (uint)_validations.Count };
            foreach (var (validation, cells) in _validations) list.Append(ToDataValidation(validation, cells));
            _xml.WriteElement(list);
        }

        _xml.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        _xml.WriteElement(new PageSetup
        {
            PaperSize = 9, // A4
            Orientation = Spec.Landscape ? OrientationValues.Landscape : OrientationValues.Portrait,
            FitToWidth = 1,
            FitToHeight = 0,
        });
        if (HasComments) _xml.WriteElement(new LegacyDrawing { Id = VmlRelationshipId });
    }

    private static DataValidation ToDataValidation(CellValidation validation, List<string> cells)
    {
        var result = new DataValidation
        {
            AllowBlank = true,
            ShowInputMessage = true,
            ShowErrorMessage = true,
            ErrorStyle = DataValidationErrorStyleValues.Stop,
            ErrorTitle = "填写有误",
            Error = validation.Error,
            PromptTitle = "填写说明",
            Prompt = validation.Prompt,
            SequenceOfReferences = new ListValue<StringValue>(cells.Select(c => new StringValue(c))),
        };
        switch (validation.Kind)
        {
            case ValidationKind.List:
                result.Type = DataValidationValues.List;
                result.Append(new Formula1($"\"{validation.Items}\""));
                break;
            case ValidationKind.TextLength:
                result.Type = DataValidationValues.TextLength;
                result.Operator = DataValidationOperatorValues.LessThanOrEqual;
                result.Append(new Formula1(Invariant(validation.Max)));
                break;
            default:
                result.Type = validation.Kind == ValidationKind.Whole ? DataValidationValues.Whole : DataValidationValues.Decimal;
                result.Operator = DataValidationOperatorValues.Between;
                result.Append(new Formula1(Invariant(validation.Min)), new Formula2(Invariant(validation.Max)));
                break;
        }

        return result;
    }

    private static string Invariant(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void StartComments()
    {
        _comments = TempFile("comments");
        _commentsXml = OpenXmlWriter.Create(_comments);
        _commentsXml.WriteStartElement(new Comments());
        _commentsXml.WriteElement(new Authors(new Author("EduDuty")));
        _commentsXml.WriteStartElement(new CommentList());

        _vml = TempFile("vml");
        _vmlXml = OpenXmlWriter.Create(_vml);
        _vmlXml.WriteStartElement(new OpenXmlUnknownElement("xml"), [],
        [
            new("v", "urn:schemas-microsoft-com:vml"),
            new("o", "urn:schemas-microsoft-com:office:office"),
            new("x", "urn:schemas-microsoft-com:office:excel"),
        ]);
        var blocks = string.Join(",", Enumerable.Range(_firstBlock, Blocks));
        _vmlXml.WriteElement(new Vml.Office.ShapeLayout(new Vml.Office.ShapeIdMap { Extension = Vml.ExtensionHandlingBehaviorValues.Edit, Data = blocks })
        {
            Extension = Vml.ExtensionHandlingBehaviorValues.Edit,
        });
        _vmlXml.WriteElement(new Vml.Shapetype(
            new Vml.Stroke { JoinStyle = Vml.StrokeJoinStyleValues.Miter },
            new Vml.Path { AllowGradientShape = true, ConnectionPointType = Vml.Office.ConnectValues.Rectangle })
        {
            Id = "_x0000_t202", CoordinateSize = "21600,21600", OptionalNumber = 202, EdgePath = "m,l,21600r21600,l21600,xe",
        });
    }

    // The note's box: hidden until the pointer rests on the cell, two columns wide, beside the cell.
    private static Vml.Shape Shape(int column, int row, int id) => new(
        new Vml.Fill { Color2 = "#ffffe1" },
        new Vml.Shadow { On = true, Color = "black", Obscured = true },
        new Vml.Path { ConnectionPointType = Vml.Office.ConnectValues.None },
        new Vml.TextBox(new OpenXmlUnknownElement("div")) { Style = "mso-direction-alt:auto" },
        new Vml.Spreadsheet.ClientData(
            new Vml.Spreadsheet.MoveWithCells(),
            new Vml.Spreadsheet.ResizeWithCells(),
            new Vml.Spreadsheet.Anchor($"{column + 1}, 15, {Math.Max(0, row - 1)}, 10, {column + 4}, 15, {row + 4}, 4"),
            new Vml.Spreadsheet.AutoFill("False"),
            new Vml.Spreadsheet.CommentRowTarget(row.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Vml.Spreadsheet.CommentColumnTarget(column.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            ObjectType = Vml.Spreadsheet.ObjectValues.Note,
        })
    {
        Id = $"_x0000_s{id}",
        Type = "#_x0000_t202",
        Style = "position:absolute;margin-left:60pt;margin-top:2pt;width:200pt;height:70pt;z-index:1;visibility:hidden",
        FillColor = "#ffffe1",
        InsetMode = Vml.Office.InsetMarginValues.Auto,
    };
}
