using System.IO.Compression;

namespace EduDuty.Core.Evidence;

/// <summary>
/// Reads every name of a PDF (the /Something tokens, with #xx escapes decoded, so /J#61vaScript is /JavaScript) to find
/// what a reader would act on by itself: JavaScript, a launch action, an embedded file, rich media, XFA, importing data.
/// Object streams (PDF 1.5), where a writer may put the dictionaries of a whole document deflated, are inflated and read
/// the same way, within a budget. Names are searched in the whole file, stream data included, because a cross-reference
/// table may point into another object's data; only /JS, short enough to turn up by chance in compressed bytes, counts
/// outside stream data only (a script action names /S /JavaScript as well, which counts everywhere).
/// </summary>
internal sealed class PdfScan
{
    private const int MaxObjectStreams = 10_000;

    private const long InflateBudget = 64L << 20;

    private static readonly Dictionary<string, string> Everywhere = new(StringComparer.Ordinal)
    {
        ["JavaScript"] = "JavaScript 脚本",
        ["Launch"] = "启动程序的动作（/Launch）",
        ["EmbeddedFile"] = "嵌入的文件（/EmbeddedFile）",
        ["EmbeddedFiles"] = "嵌入的文件（/EmbeddedFiles）",
        ["RichMedia"] = "富媒体（/RichMedia）",
        ["XFA"] = "XFA 动态表单",
        ["ImportData"] = "导入数据的动作（/ImportData）",
        ["GoToE"] = "打开嵌入文件的动作（/GoToE）",
    };

    private const string ScriptKey = "JS";

    private enum State
    {
        Between,
        Name,
        Hex1,
        Hex2,
        Word,
    }

    private readonly bool _hasStreams;
    private readonly byte[] _token = new byte[64];
    private int _length;
    private bool _overflow;
    private int _hex;
    private State _state;
    private bool _inStream;
    private bool _objectStreamNext;
    private long _position;

    private PdfScan(bool hasStreams) => _hasStreams = hasStreams;

    /// <summary>What the PDF holds that acts by itself, in words; null when nothing.</summary>
    public string? ActiveContent { get; private set; }

    /// <summary>Part of it could not be read (an encrypted or unusually filtered object stream, or too much to inflate).</summary>
    public bool Uncheckable { get; private set; }

    private bool Encrypted { get; set; }

    private List<long> ObjectStreams { get; } = [];

    public static PdfScan Read(Stream content)
    {
        var scan = new PdfScan(hasStreams: true);
        content.Position = 0;
        var buffer = new byte[64 * 1024];
        int read;
        while (scan.ActiveContent is null && (read = content.Read(buffer)) > 0) scan.Feed(buffer.AsSpan(0, read));
        scan.End();
        if (scan.ActiveContent is not null || scan.ObjectStreams.Count == 0) return scan;
        if (scan.Encrypted || scan.ObjectStreams.Count > MaxObjectStreams)
        {
            scan.Uncheckable = true;
            return scan;
        }

        var budget = InflateBudget;
        foreach (var start in scan.ObjectStreams)
        {
            var inner = new PdfScan(hasStreams: false);
            try
            {
                content.Position = start;
                var eol = content.ReadByte();
                if (eol == '\r') eol = content.ReadByte();
                if (eol != '\n') content.Position--;
                using var inflated = new ZLibStream(content, CompressionMode.Decompress, leaveOpen: true);
                while (inner.ActiveContent is null && (read = inflated.Read(buffer)) > 0)
                {
                    budget -= read;
                    if (budget < 0) break;
                    inner.Feed(buffer.AsSpan(0, read));
                }

                inner.End();
            }
            catch (InvalidDataException)
            {
                scan.Uncheckable = true;
                return scan;
            }

            if (budget < 0) scan.Uncheckable = true;
            if (inner.ActiveContent is not null || budget < 0)
            {
                scan.ActiveContent = inner.ActiveContent;
                return scan;
            }
        }

        return scan;
    }

    private void Feed(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (_state == State.Between && _inStream)
            {
                // Inside stream data only a name ('/') or "endstream" ('e') matters: skip to the next of either at once.
                var next = bytes[i..].IndexOfAny((byte)'/', (byte)'e');
                if (next < 0)
                {
                    _position += bytes.Length - i;
                    return;
                }

                i += next;
                _position += next;
            }

            Next(bytes[i]);
            _position++;
            if (ActiveContent is not null) return;
        }
    }

    private void End()
    {
        if (_state is State.Name or State.Hex1 or State.Hex2 or State.Word) Finish();
    }

    private void Next(byte b)
    {
        switch (_state)
        {
            case State.Name when b == '#':
                _state = State.Hex1;
                return;
            case State.Name or State.Word when IsRegular(b):
                Append(b);
                return;
            case State.Hex1 when HexValue(b) is >= 0 and var high:
                _hex = high;
                _state = State.Hex2;
                return;
            case State.Hex2 when HexValue(b) is >= 0 and var low:
                Append((byte)((_hex << 4) | low));
                _state = State.Name;
                return;
            case State.Hex1 or State.Hex2:
                // Not an escape after all: keep what was read as it is, and read this byte again.
                Append((byte)'#');
                if (_state == State.Hex2) Append((byte)HexDigit(_hex));
                _state = State.Name;
                Next(b);
                return;
            case State.Name or State.Word:
                Finish();
                break;
        }

        if (b == '/')
        {
            Start(State.Name);
        }
        else if (IsRegular(b))
        {
            Start(State.Word);
            Append(b);
        }
    }

    private void Start(State state)
    {
        _state = state;
        _length = 0;
        _overflow = false;
    }

    private void Append(byte b)
    {
        if (_length < _token.Length) _token[_length++] = b;
        else _overflow = true;
    }

    // A token ends: a name is judged, a keyword moves the in-stream state.
    private void Finish()
    {
        var state = _state;
        _state = State.Between;
        if (_overflow) return;
        var token = _token.AsSpan(0, _length);
        if (state == State.Word)
        {
            if (!_hasStreams) return;
            if (token.SequenceEqual("stream"u8))
            {
                if (_objectStreamNext && !_inStream) ObjectStreams.Add(_position);
                _objectStreamNext = false;
                _inStream = true;
            }
            else if (token.SequenceEqual("endstream"u8))
            {
                _inStream = false;
            }

            return;
        }

        var name = System.Text.Encoding.Latin1.GetString(token);
        if (Everywhere.TryGetValue(name, out var what)) ActiveContent = what;
        else if (name == ScriptKey && !_inStream) ActiveContent = Everywhere["JavaScript"];
        else if (name == "Encrypt" && !_inStream) Encrypted = true;
        else if (name == "ObjStm" && !_inStream) _objectStreamNext = true;
    }

    // PDF's regular characters: anything but white space and the delimiters ( ) < > [ ] { } / %.
    private static bool IsRegular(byte b) =>
        b is not (0 or 9 or 10 or 12 or 13 or 32 or (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%');

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static char HexDigit(int value) => "0123456789ABCDEF"[value];
}
