using System.Text;
using EduDuty.Core.Messaging;

namespace EduDuty.Core.Text;

/// <summary>
/// The text of a file people upload or hand to the command line (CSV, JSON): UTF-8 with or without its byte-order mark, or
/// UTF-16 (little- or big-endian) with its byte-order mark, as Excel's "Unicode 文本" and some exporters write it. Anything
/// else is refused with one message rather than read as something else: invalid UTF-8 (an ANSI/GBK file) and UTF-16 without
/// a byte-order mark (which is valid UTF-8 full of U+0000, and would otherwise come out as garbled rows). Line ends are left
/// as written: the CSV reader takes CRLF, LF and a lone CR.
/// </summary>
public static class TextFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>The text, or the message saying how to save the file so that it can be read.</summary>
    public static (string? Text, Message? Problem) Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            string text;
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) text = StrictUtf16Le.GetString(bytes[2..]);
            else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) text = StrictUtf16Be.GetString(bytes[2..]);
            else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) text = StrictUtf8.GetString(bytes[3..]);
            else if (bytes.IndexOf((byte)0) >= 0) return (null, Messages.CsvEncodingUnknown); // UTF-16 without its mark, or not text
            else text = StrictUtf8.GetString(bytes);
            return text.Contains('\0') ? (null, Messages.CsvEncodingUnknown) : (text, null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Messages.CsvEncodingUnknown);
        }
    }

    /// <summary><see cref="Decode(ReadOnlySpan{byte})"/> for a stream, read to its end.</summary>
    public static async Task<(string? Text, Message? Problem)> DecodeAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
