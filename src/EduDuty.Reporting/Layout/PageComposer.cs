using EduDuty.Reporting.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace EduDuty.Reporting.Layout;

public enum Align
{
    Justify,
    Left,
    Center,
    Right,
}

/// <summary>
/// Lays text onto A4 pages on the document grid: a cursor moves down line by line and a new page starts when the 版心 is
/// full. Every page gets its number as it is opened: "— N —", odd pages right and even pages left, one 字 in.
/// </summary>
internal sealed class PageComposer : IDisposable
{
    private readonly PdfDocument _document;
    private readonly Typography _type;
    private readonly StructureBuilder _tags;
    private readonly RenderProgress _progress;
    private readonly string? _pageMark;
    private XGraphics? _graphics;
    private double _y;

    /// <param name="document">The document; its structure tree (tagged PDF) is built as text is laid out.</param>
    /// <param name="progress">Told of every page as it starts; stops the work between pages, paragraphs and table rows.</param>
    /// <param name="pageMark">A line printed in the 天头 of every page, above the 版心 (a draft's 草稿 notice); null for none.</param>
    public PageComposer(PdfDocument document, Typography type, RenderProgress progress, string? pageMark = null)
    {
        _document = document;
        _type = type;
        _progress = progress;
        _pageMark = pageMark;
        _tags = UAManager.ForDocument(document).StructureBuilder;
        NewPage();
    }

    public int PageNumber { get; private set; }

    /// <summary>The page the cursor is on (for bookmarks).</summary>
    public PdfPage CurrentPage { get; private set; } = null!;

    private XGraphics G => _graphics!;

    /// <summary>Whole lines left on this page.</summary>
    public int LinesLeft => (int)Math.Floor((Typography.Bottom - _y + 0.01) / Typography.LinePitch);

    public void NewPage()
    {
        PlacePending(0);
        _progress.Step();
        // The page is added while the last page's graphics still live: tagging closes that page's marked content on it.
        var page = _document.AddPage();
        _graphics?.Dispose();
        page.Width = XUnit.FromPoint(Typography.PageWidth);
        page.Height = XUnit.FromPoint(Typography.PageHeight);
        _graphics = XGraphics.FromPdfPage(page);
        CurrentPage = page;
        PageNumber++;
        _y = Typography.Top;
        DrawPageNumber();
        if (_pageMark is { } mark) DrawPageMark(mark);
    }

    /// <summary>Moves down by <paramref name="points"/> (space that is not a whole line).</summary>
    public void Advance(double points) => _y += points;

    public void BlankLine()
    {
        PlacePending(Typography.LinePitch);
        if (LinesLeft <= 1) NewPage();
        else _y += Typography.LinePitch;
    }

    /// <summary>
    /// Text on the body grid. A block with <paramref name="keepWithNext"/> (a heading) waits for the block after it and goes
    /// to the next page with it when that block's first lines — as widow control places them — would not follow it on this
    /// page; <paramref name="bookmark"/> is added to the outline on the page the text lands on.
    /// </summary>
    public void Text(string text, XFont font, Align align, double firstIndentChars = 0, double pitch = 0, int keepWithNext = 0, double rightIndentChars = 0,
        PdfBlockLevelElementTag tag = PdfBlockLevelElementTag.Paragraph, string? bookmark = null)
    {
        _progress.Check();
        pitch = pitch > 0 ? pitch : Typography.LinePitch;
        var advance = Typography.BodyAdvance * font.Size / Typography.BodySize;
        var width = Typography.BodyWidth - rightIndentChars * advance;
        var indent = firstIndentChars * advance;
        var lines = LineBreaker.Break(text, width, indent, s => Measure(s, font), squeeze: align == Align.Justify);
        var block = new Block(lines, font, align, pitch, width, indent, tag, bookmark);
        if (keepWithNext > 0)
        {
            _pending.Add(block);
            return;
        }

        // No first line alone at a page foot: two lines (a paragraph of three, all three) fit, or a new page.
        var together = lines.Count == 3 ? 3 : Math.Min(lines.Count, 2);
        PlacePending(together * pitch);
        if (_y + together * pitch > Typography.Bottom + 0.01 && _y > Typography.Top) NewPage();
        Place(block);
    }

    /// <summary>Lines already broken (the title's), centred, in one structure element.</summary>
    public void CentredLines(IReadOnlyList<string> lines, XFont font, double pitch, PdfBlockLevelElementTag tag)
    {
        var broken = lines.Select(l => LineBreaker.Break(l, double.MaxValue / 4, 0, s => Measure(s, font))[0] with { IsLast = true }).ToList();
        PlacePending(broken.Count * pitch);
        Place(new Block(broken, font, Align.Center, pitch, Typography.BodyWidth, 0, tag, null));
    }

    private sealed record Block(IReadOnlyList<Line> Lines, XFont Font, Align Align, double Pitch, double Width, double Indent, PdfBlockLevelElementTag Tag, string? Bookmark);

    private readonly List<Block> _pending = [];

    // Headings waiting for their block: they go to a new page unless they and the next block's first lines (height) fit here.
    private void PlacePending(double height)
    {
        if (_pending.Count == 0) return;
        var blocks = _pending.ToList();
        _pending.Clear();
        var own = blocks.Sum(b => b.Lines.Count * b.Pitch);
        if (_y + own + height > Typography.Bottom + 0.01 && _y > Typography.Top) NewPage();
        foreach (var block in blocks) Place(block);
    }

    private void Place(Block block)
    {
        var (lines, font, align, pitch, width, indent) = (block.Lines, block.Font, block.Align, block.Pitch, block.Width, block.Indent);
        if (_y + pitch > Typography.Bottom + 0.01 && _y > Typography.Top) NewPage();
        if (block.Bookmark is { } bookmark) _document.Outlines.Add(bookmark, CurrentPage, opened: true);
        _tags.BeginElement(block.Tag);
        if (block.Tag == PdfBlockLevelElementTag.TableHeaderCell) Scope();
        for (var i = 0; i < lines.Count; i++)
        {
            // No last line alone at a page head: when only one more line fits and two are left, both go over.
            var widow = i == lines.Count - 2 && i >= 2 && _y + (2 * pitch) > Typography.Bottom + 0.01;
            if (widow || _y + pitch > Typography.Bottom + 0.01) NewPage();
            var line = lines[i];
            var x = Typography.Left + (i == 0 ? indent : 0);
            var available = width - (i == 0 ? indent : 0);
            var baseline = _y + (pitch / 2) + (font.Size * 0.35);
            switch (align)
            {
                case Align.Center: Draw(line, font, Typography.Left + ((width - line.Width) / 2), baseline, 0); break;
                case Align.Right: Draw(line, font, Typography.Left + width - line.Width, baseline, 0); break;
                case Align.Justify when !line.IsLast && line.Clusters.Count > 1:
                    var spread = (available - line.Width) / (line.Clusters.Count - 1);
                    Draw(line, font, x, baseline, Math.Clamp(spread, 0, MaxLetterSpacing * font.Size), available);
                    break;
                default: Draw(line, font, x, baseline, 0, available); break;
            }

            _y += pitch;
        }

        _tags.End();
    }

    /// <summary>Places a run of lines at an exact left edge (署名 and 成文日期 are aligned with each other, not with the grid).</summary>
    public void TextAt(string text, XFont font, double x)
    {
        PlacePending(Typography.LinePitch);
        if (_y + Typography.LinePitch > Typography.Bottom + 0.01) NewPage();
        var line = LineBreaker.Break(text, Typography.BodyWidth, 0, s => Measure(s, font))[0];
        _tags.BeginElement(PdfBlockLevelElementTag.Paragraph);
        Draw(line, font, x, _y + (Typography.LinePitch / 2) + (font.Size * 0.35), 0);
        _tags.End();
        _y += Typography.LinePitch;
    }

    /// <summary>
    /// A table whose rows never split; the header row is drawn again at the top of every page it continues on. A row
    /// <paramref name="marked"/> says is marked (a failing indicator) is set in <paramref name="markFont"/> on a light fill.
    /// </summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<double> fractions, XFont headerFont, XFont cellFont,
        Func<IReadOnlyList<string>, bool>? marked = null, XFont? markFont = null)
    {
        const double padding = 4;
        var lineHeight = cellFont.Size * 1.45;
        var widths = fractions.Select(f => f * Typography.BodyWidth).ToArray();

        IReadOnlyList<IReadOnlyList<Line>> Layout(IReadOnlyList<string> cells, XFont font) =>
            cells.Select((c, i) => LineBreaker.Break(c, widths[i] - (2 * padding), 0, s => Measure(s, font))).ToList();

        double Height(IReadOnlyList<IReadOnlyList<Line>> cells) => (cells.Max(c => c.Count) * lineHeight) + (2 * padding);

        var header = Layout(headers, headerFont);
        var headerHeight = Height(header);
        var first = true;
        _tags.BeginElement(PdfBlockLevelElementTag.Table);
        foreach (var row in rows)
        {
            _progress.Check();
            var mark = marked?.Invoke(row) == true;
            var font = mark ? markFont ?? cellFont : cellFont;
            var cells = Layout(row, font);
            var height = Height(cells);
            if (first) PlacePending(headerHeight + height);
            if (first || _y + height > Typography.Bottom + 0.01)
            {
                if (!first || _y + headerHeight + height > Typography.Bottom + 0.01) NewPage();
                if (first) DrawRow(header, headerHeight, headerFont, shaded: true, fill: HeaderShade);
                else DrawRepeatedHeader();
                first = false;
            }

            DrawRow(cells, height, font, shaded: false, fill: mark ? MarkFill : null);
        }

        _tags.End();

        // Half a line below every table, whatever its height, so that the next heading stands as far from each table.
        _y += Typography.LinePitch / 2;

        // A header repeated on a later page is a page artifact: the table's structure has it once.
        void DrawRepeatedHeader()
        {
            _tags.BeginArtifact();
            DrawCells(header, headerHeight, headerFont, HeaderShade, cellTag: null);
            _tags.End();
            _y += headerHeight;
        }

        void DrawRow(IReadOnlyList<IReadOnlyList<Line>> cells, double height, XFont font, bool shaded, XBrush? fill)
        {
            _tags.BeginElement(PdfBlockLevelElementTag.TableRow);
            DrawCells(cells, height, font, fill, shaded ? PdfBlockLevelElementTag.TableHeaderCell : PdfBlockLevelElementTag.TableDataCell);
            _tags.End();
            _y += height;
        }

        void DrawCells(IReadOnlyList<IReadOnlyList<Line>> cells, double height, XFont font, XBrush? fill, PdfBlockLevelElementTag? cellTag)
        {
            var x = Typography.Left;
            for (var i = 0; i < cells.Count; i++)
            {
                var rect = new XRect(x, _y, widths[i], height);
                if (fill is not null) G.DrawRectangle(fill, rect);
                G.DrawRectangle(Border, rect);
                if (cellTag is { } t)
                {
                    _tags.BeginElement(t);
                    if (t == PdfBlockLevelElementTag.TableHeaderCell) Scope();
                }
                var baseline = _y + padding + (lineHeight / 2) + (font.Size * 0.35);
                foreach (var line in cells[i])
                {
                    Draw(line, font, x + padding, baseline, 0);
                    baseline += lineHeight;
                }

                if (cellTag is not null) _tags.End();
                x += widths[i];
            }
        }
    }

    public void Dispose()
    {
        PlacePending(0);
        _graphics?.Dispose();
    }

    // A header cell heads its column (PDF/UA: a TH says what it is the header of).
    private void Scope()
    {
        var attributes = new PdfDictionary(_document);
        attributes.Elements.SetName("/O", "/Table");
        attributes.Elements.SetName("/Scope", "/Column");
        _tags.CurrentStructureElement.Elements["/A"] = attributes;
    }

    /// <summary>
    /// The most a justified line is spaced between two pieces, in 字 (of the font's size). Text extraction reads a gap of
    /// about a tenth of a 字 between two characters as a space (poppler's pdftotext from 0.1, pdf.js from 0.102; both take
    /// the character spacing Tc out before they measure), so a line spaced wider would copy out as "务 教 育 生 均". A line
    /// with more slack than this spreads (a number kept with its unit, "650元/生/年", that did not fit) keeps the rest at its
    /// end: nearly justified, it copies as words (decision 0038).
    /// </summary>
    public const double MaxLetterSpacing = 0.09;

    private static readonly XPen Border = new(XColors.Black, 0.5);
    private static readonly XBrush HeaderShade = new XSolidBrush(XColor.FromArgb(235, 235, 235));

    /// <summary>A failing indicator's row: the Word file's fill (FBE4E4).</summary>
    private static readonly XBrush MarkFill = new XSolidBrush(XColor.FromArgb(0xFB, 0xE4, 0xE4));

    private void DrawPageNumber()
    {
        var font = _type.Font(FontRole.Body, Typography.PageNumberSize);
        var text = $"— {PageNumber} —";
        var width = Measure(text, font);
        var oneChar = Typography.PageNumberSize;
        var x = PageNumber % 2 == 1
            ? Typography.Left + Typography.BodyWidth - oneChar - width
            : Typography.Left + oneChar;
        _tags.BeginArtifact(); // page furniture, not content a screen reader reads
        // GB/T 9704 puts the 一字线 7 mm below the 版心; a CJK font's dash sits about 0.38 em above its baseline.
        G.DrawString(text, font, XBrushes.Black, x, Typography.Bottom + Typography.PageNumberGap + (font.Size * 0.38));
        _tags.End();
    }

    // A draft's notice, centred over the 版心 in the 天头 (12 mm above the 版心, outside the GB/T 9704 grid) in grey 黑体
    // inside a thin frame, like a stamp. Drawn as text, so a reader's search and a text extraction find it on every page.
    private void DrawPageMark(string mark)
    {
        var font = _type.Font(FontRole.Heading, Typography.PageMarkSize);
        var width = Measure(mark, font);
        var x = Typography.Left + ((Typography.BodyWidth - width) / 2);
        var baseline = Typography.Top - Typography.Mm(12);
        var padding = font.Size * 0.4;
        _tags.BeginArtifact(); // repeated on every page: page furniture; the document's title says "草稿" once for a screen reader
        G.DrawRectangle(PageMarkPen, x - padding, baseline - (font.Size * 0.88) - padding, width + (2 * padding), font.Size + (2 * padding));
        G.DrawString(mark, font, PageMarkBrush, x, baseline);
        _tags.End();
    }

    private static readonly XPen PageMarkPen = new(XColor.FromArgb(128, 128, 128), 0.8);
    private static readonly XBrush PageMarkBrush = new XSolidBrush(XColor.FromArgb(110, 110, 110));

    // Characters are placed one by one on the grid so that justification can spread the slack between them;
    // a Latin word or number is drawn whole, as measured. A line wider than the space available (LineBreaker squeezed it)
    // has the blank half of its full-width marks taken away in proportion: a closing mark loses its right half, an
    // opening one its left. Each glyph's character spacing (Tc) reaches to where the next one starts (readers that count
    // it see no gap inside a word; pdftotext and pdf.js take it out, hence MaxLetterSpacing). Only a blank between two
    // pieces is left a gap, read as a space.
    private void Draw(Line line, XFont font, double x, double baseline, double gap, double available = double.MaxValue)
    {
        var squeeze = line.Width > available && line.Squeeze > 0 ? Math.Min(1, (line.Width - available) / line.Squeeze) : 0;
        var glyphs = _glyphs;
        glyphs.Clear();
        foreach (var cluster in line.Clusters)
        {
            var cx = x;
            if (!cluster.IsSpace)
            {
                _pieces.Clear();
                foreach (var piece in Pieces(cluster.Text, font, _pieces))
                {
                    var cut = squeeze > 0 && piece.Text.Length == 1 && LineBreaker.Squeezable.Contains(piece.Text[0], StringComparison.Ordinal) ? squeeze * piece.Width / 2 : 0;
                    var opening = cut > 0 && LineBreaker.NoLineEnd.Contains(piece.Text[0], StringComparison.Ordinal);
                    glyphs.Add((piece.Text, opening ? cx - cut : cx, false));
                    cx += piece.Width - cut;
                }
            }
            else
            {
                if (glyphs.Count > 0) glyphs[^1] = glyphs[^1] with { BlankAfter = true };
                cx += cluster.Width;
            }

            x = cx + gap;
        }

        for (var i = 0; i < glyphs.Count; i++)
        {
            var (text, at, blankAfter) = glyphs[i];
            double? next = i + 1 < glyphs.Count && !blankAfter ? glyphs[i + 1].X : null;
            if (text.Length > 1 && next is not null)
            {
                // A Latin run: its last letter carries the spacing up to the next piece.
                var head = text[..^1];
                CharacterSpacing(0);
                G.DrawString(head, font, XBrushes.Black, at, baseline);
                at += Widths(font).Measure(G, head, font);
                text = text[^1..];
            }

            CharacterSpacing(next is { } n && text.Length == 1 ? n - (at + CharWidth(text[0], font)) : 0);
            G.DrawString(text, font, XBrushes.Black, at, baseline);
        }

        CharacterSpacing(0);
    }

    // The pieces of the line being drawn, and of the cluster being drawn: kept from line to line (a render is one thread).
    private readonly List<(string Text, double X, bool BlankAfter)> _glyphs = new(64);
    private readonly List<(string Text, double Width)> _pieces = new(8);

    // Tc is text state: it holds for the glyphs drawn after it, whatever PDFsharp itself tracks, so it is set before each.
    // Formatted straight into the page's content (the shortest round-trip form, as string interpolation writes a double).
    private void CharacterSpacing(double points) =>
        G.Internals.ContentStringBuilder!.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Round(points, 3)} Tc\n");

    /// <summary>The width <paramref name="text"/> takes on the grid: the sum of its <see cref="Pieces"/>' widths, in their order.</summary>
    public double Measure(string text, XFont font)
    {
        var widths = Widths(font);
        var grid = Typography.BodyAdvance * font.Size / Typography.BodySize;
        var full = font.Size * 0.8;
        var sum = 0.0;
        var run = -1; // where the run of narrow characters being measured starts
        for (var i = 0; i < text.Length; i++)
        {
            if (widths.Measure(G, text[i], font) >= full)
            {
                if (run >= 0) sum += widths.Measure(G, text.AsSpan(run, i - run), font);
                run = -1;
                sum += grid;
            }
            else if (run < 0)
            {
                run = i;
            }
        }

        if (run >= 0) sum += widths.Measure(G, text.AsSpan(run), font);
        return sum;
    }

    // Full-width characters advance by the grid's 字; runs of narrow characters keep their measured width.
    private List<(string Text, double Width)> Pieces(string text, XFont font, List<(string Text, double Width)> pieces)
    {
        var widths = Widths(font);
        var grid = Typography.BodyAdvance * font.Size / Typography.BodySize;
        var run = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (widths.Measure(G, c, font) >= font.Size * 0.8)
            {
                Flush(i);
                pieces.Add((text.Length == 1 ? text : c.ToString(), grid));
            }
            else if (run < 0)
            {
                run = i;
            }
        }

        Flush(text.Length);
        return pieces;

        void Flush(int end)
        {
            if (run < 0) return;
            var s = run == 0 && end == text.Length ? text : text[run..end];
            pieces.Add((s, widths.Measure(G, s, font)));
            run = -1;
        }
    }

    // The widths of the fonts this composer has drawn with, by font (a lookup by reference, not by the face's name).
    private readonly Dictionary<XFont, GlyphWidths.Face> _widths = new(ReferenceEqualityComparer.Instance);

    private GlyphWidths.Face Widths(XFont font)
    {
        if (!_widths.TryGetValue(font, out var face)) _widths[font] = face = GlyphWidths.For(font);
        return face;
    }

    private double CharWidth(char c, XFont font) => Widths(font).Measure(G, c, font);
}
