using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EduDuty.Reporting.Excel;

/// <summary>
/// An .xlsx written in bounded memory. Sheets are written row by row to temporary files (<see cref="SheetWriter"/>); saving
/// builds the package's small parts — workbook, styles, relationships, content types — with the Open XML SDK, then copies that
/// package into the output entry by entry, putting each sheet's file in place of its empty stand-in. The SDK cannot write a
/// large part itself without holding it whole in memory (System.IO.Packaging's update mode buffers every entry), hence the
/// two steps; no XML is written by hand (decision 0017). <paramref name="progress"/> is told of every row written and stops
/// the work between rows and between the package's entries when its token is cancelled.
/// </summary>
public sealed class StreamedWorkbook(RenderProgress? progress = null) : IDisposable
{
    private readonly RenderProgress _progress = progress ?? RenderProgress.None;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("eduduty-xlsx-");
    private readonly List<SheetWriter> _sheets = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private int _nextBlock = 1;

    /// <summary>Adds a sheet after the others. Sheets can be written in any interleaving; each keeps its own files.</summary>
    public SheetWriter AddSheet(SheetSpec spec)
    {
        var name = SheetNames.Clean(spec.Name);
        for (var n = 2; !_names.Add(name); n++) name = SheetNames.Clean($"{spec.Name[..Math.Min(spec.Name.Length, 26)]}({n})");
        var sheet = new SheetWriter(spec with { Name = name }, _directory.FullName, _nextBlock, _progress);
        _nextBlock += sheet.Blocks;
        _sheets.Add(sheet);
        return sheet;
    }

    /// <summary>Writes the workbook to <paramref name="output"/> with asynchronous writes only (a server response refuses others).</summary>
    public async Task SaveAsync(Stream output, CancellationToken cancellationToken = default)
    {
        var (skeleton, replacements) = BuildSkeleton();
        using (skeleton)
        {
            var sink = new Streams.AsyncSink(output);
            await using (var source = await ZipArchive.CreateAsync(skeleton, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken))
            await using (var target = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
            {
                foreach (var entry in source.Entries)
                {
                    _progress.Check();
                    var copy = target.CreateEntry(entry.FullName, CompressionLevel.Fastest);
                    await using var to = await copy.OpenAsync(cancellationToken);
                    if (replacements.TryGetValue(entry.FullName, out var content))
                    {
                        await content.CopyToAsync(to, 81_920, cancellationToken);
                    }
                    else
                    {
                        await using var from = await entry.OpenAsync(cancellationToken);
                        await from.CopyToAsync(to, cancellationToken);
                    }
                }
            }

            await sink.FlushAsync(cancellationToken);
        }
    }

    /// <summary>The whole workbook as bytes: for small workbooks (one county's, an audit page).</summary>
    public byte[] ToArray()
    {
        using var buffer = new MemoryStream();
        SaveAsync(buffer).GetAwaiter().GetResult();
        return buffer.ToArray();
    }

    public void Dispose()
    {
        foreach (var sheet in _sheets) sheet.Dispose();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // The files delete themselves on close; an empty directory left behind by a race is harmless.
        }
    }

    private (MemoryStream Skeleton, Dictionary<string, Stream> Replacements) BuildSkeleton()
    {
        var replacements = new Dictionary<string, Stream>(StringComparer.Ordinal);
        var skeleton = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(skeleton, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = WorkbookStyles.Build();
            var sheets = new Sheets();
            var names = new DefinedNames();
            for (var i = 0; i < _sheets.Count; i++)
            {
                var writer = _sheets[i];
                var (data, comments, vml) = writer.Finish();
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(new SheetData());
                replacements[Name(part)] = data;
                if (writer.HasComments)
                {
                    var commentsPart = part.AddNewPart<WorksheetCommentsPart>();
                    commentsPart.Comments = new Comments();
                    replacements[Name(commentsPart)] = comments!;
                    var drawing = part.AddNewPart<VmlDrawingPart>(SheetWriter.VmlRelationshipId);
                    using (var empty = new MemoryStream()) drawing.FeedData(empty);
                    replacements[Name(drawing)] = vml!;
                }

                var spec = writer.Spec;
                sheets.Append(new Sheet { Name = spec.Name, SheetId = (uint)(i + 1), Id = workbook.GetIdOfPart(part) });
                var quoted = $"'{spec.Name.Replace("'", "''", StringComparison.Ordinal)}'";
                if (spec.PrintTitleRows is { } rows)
                    names.Append(new DefinedName($"{quoted}!$1:${rows}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
                if (spec.FilterRow is { } filterRow && writer.LastRow >= filterRow && spec.Widths.Count > 0)
                {
                    var last = CellReference.Column(spec.Widths.Count);
                    names.Append(new DefinedName($"{quoted}!$A${filterRow}:${last}${writer.LastRow}") { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
                }
            }

            workbook.Workbook = names.HasChildren
                ? new Workbook(new BookViews(new WorkbookView()), sheets, names)
                : new Workbook(new BookViews(new WorkbookView()), sheets);
        }

        skeleton.Position = 0;
        return (skeleton, replacements);
    }

    private static string Name(OpenXmlPart part) => part.Uri.OriginalString.TrimStart('/');
}
