using System.Buffers.Binary;

namespace EduDuty.Reporting.Fonts;

/// <summary>
/// Cuts one face out of a TrueType collection (.ttc) into a standalone font, because PDFsharp 6.2 reads only single
/// faces. A file that is not a collection comes back unchanged.
/// </summary>
public static class TrueTypeCollection
{
    private const uint CollectionTag = 0x74746366; // "ttcf"

    public static byte[] ExtractFace(byte[] font, int faceIndex)
    {
        if (font.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(font) != CollectionTag) return font;
        var faceCount = BinaryPrimitives.ReadInt32BigEndian(font.AsSpan(8));
        if (faceIndex < 0 || faceIndex >= faceCount) throw new ArgumentOutOfRangeException(nameof(faceIndex), $"the collection has {faceCount} faces");

        var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(12 + 4 * faceIndex));
        var tableCount = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(offset + 4));
        var tables = new (uint Tag, uint Checksum, int Offset, int Length)[tableCount];
        for (var i = 0; i < tableCount; i++)
        {
            var record = font.AsSpan(offset + 12 + 16 * i);
            tables[i] = (BinaryPrimitives.ReadUInt32BigEndian(record), BinaryPrimitives.ReadUInt32BigEndian(record[4..]),
                (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }

        // Header (12 bytes) and table directory, then each table 4-byte aligned, as the sfnt format requires.
        var headerLength = 12 + 16 * tableCount;
        var output = new byte[headerLength + tables.Sum(t => (t.Length + 3) & ~3)];
        Array.Copy(font, offset, output, 0, 12);
        var position = headerLength;
        for (var i = 0; i < tableCount; i++)
        {
            var (tag, checksum, tableOffset, length) = tables[i];
            var record = output.AsSpan(12 + 16 * i);
            BinaryPrimitives.WriteUInt32BigEndian(record, tag);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], checksum);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)position);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)length);
            Array.Copy(font, tableOffset, output, position, length);
            position += (length + 3) & ~3;
        }

        return output;
    }
}
