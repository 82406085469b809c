using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace EduDuty.Core.Evidence;

/// <summary>What a file turned out to be, or why it is refused (a sentence that names the reason, in Chinese).</summary>
public sealed record EvidenceCheck(EvidenceKind? Kind, string? Refusal)
{
    public static EvidenceCheck Refuse(string reason) => new(null, reason);
}

/// <summary>
/// Decides what an uploaded file is from its content: the magic bytes, and for containers a look inside (the entries of a
/// ZIP: Word, Excel, OFD or a plain archive; the streams of an Office 97–2003 compound file: Word or Excel). The name and
/// the browser's content type play no part. A ZIP whose entries would expand past the size limit is refused without
/// expanding it. Reads a seekable stream without holding it in memory; never throws on any content.
/// </summary>
public static class EvidenceContent
{
    private const int MaxZipEntries = 20_000;

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> CompoundFileMagic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static ReadOnlySpan<byte> Elf => [0x7F, 0x45, 0x4C, 0x46];

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static EvidenceCheck Check(Stream content, long maxBytes)
    {
        try
        {
            return Inspect(content, maxBytes);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or NotSupportedException or OverflowException)
        {
            return EvidenceCheck.Refuse("文件已损坏或格式不完整，无法识别。请重新导出或扫描后再上传。");
        }
    }

    private static EvidenceCheck Inspect(Stream content, long maxBytes)
    {
        if (content.Length == 0) return EvidenceCheck.Refuse("文件是空的（0 字节）。请检查后重新选择。");
        if (content.Length > maxBytes) return EvidenceCheck.Refuse($"文件大小 {Sizes.Of(content.Length)}，超过每个文件 {Sizes.Of(maxBytes)} 的上限。请压缩或拆分后再上传。");

        var head = new byte[1024];
        content.Position = 0;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var start = head.AsSpan(0, read);

        if (start.StartsWith("%PDF-"u8) || (start.IndexOf("%PDF-"u8) is > 0 and < 1024 && !LooksLikeMarkup(start))) return new(EvidenceKind.Pdf, null);
        if (start.StartsWith(Jpeg)) return new(EvidenceKind.Jpeg, null);
        if (start.StartsWith(Png)) return new(EvidenceKind.Png, null);
        if (start.StartsWith("PK\u0003\u0004"u8) || start.StartsWith("PK\u0005\u0006"u8)) return Zip(content, maxBytes);
        if (start.StartsWith(CompoundFileMagic)) return CompoundFile(content);

        if (start.StartsWith("MZ"u8) || start.StartsWith(Elf)) return EvidenceCheck.Refuse($"这是可执行程序，不能作为佐证材料上传。可上传的类型：{EvidenceKinds.Accepted}。");
        if (LooksLikeMarkup(start)) return EvidenceCheck.Refuse($"内容是网页、SVG 或其他代码文本，不能上传（与文件扩展名无关）。请另存为 PDF 后上传。可上传的类型：{EvidenceKinds.Accepted}。");
        return EvidenceCheck.Refuse($"无法识别的文件类型。可上传的类型：{EvidenceKinds.Accepted}；其他文件请先打包为 ZIP 或转为 PDF。");
    }

    // Office Open XML and OFD are ZIP packages: what is inside decides. Declared sizes are checked, nothing is expanded.
    private static EvidenceCheck Zip(Stream content, long maxBytes)
    {
        content.Position = 0;
        using var archive = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        if (archive.Entries.Count > MaxZipEntries) return EvidenceCheck.Refuse($"压缩包内文件过多（{archive.Entries.Count} 个，上限 {MaxZipEntries} 个）。请拆分后上传。");
        long expanded = 0;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in archive.Entries)
        {
            expanded += entry.Length;
            names.Add(entry.FullName);
        }

        if (expanded > maxBytes) return EvidenceCheck.Refuse($"压缩包解压后达 {Sizes.Of(expanded)}，超过 {Sizes.Of(maxBytes)} 的上限（可能是“压缩炸弹”）。请检查后重新打包。");
        if (names.Contains("[Content_Types].xml") && names.Contains("word/document.xml")) return new(EvidenceKind.Docx, null);
        if (names.Contains("[Content_Types].xml") && names.Contains("xl/workbook.xml")) return new(EvidenceKind.Xlsx, null);
        if (names.Contains("OFD.xml")) return new(EvidenceKind.Ofd, null);
        return new(EvidenceKind.Zip, null);
    }

    // An Office 97–2003 compound file (also WPS's .wps and .et): its directory names the main stream.
    private static EvidenceCheck CompoundFile(Stream content)
    {
        var names = CompoundFileNames(content);
        if (names.Contains("WordDocument")) return new(EvidenceKind.Doc, null);
        if (names.Contains("Workbook") || names.Contains("Book")) return new(EvidenceKind.Xls, null);
        return EvidenceCheck.Refuse("这是 Office 97-2003 格式的文件，但不是 Word 文档或 Excel 表格（例如 PowerPoint 或 Outlook 文件）。请另存为 PDF 后上传。");
    }

    /// <summary>The entry names of a compound file's directory (MS-CFB), following the sector chains with bounds.</summary>
    private static HashSet<string> CompoundFileNames(Stream content)
    {
        var header = new byte[512];
        content.Position = 0;
        content.ReadExactly(header);
        var sectorSize = 1 << BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x1E));
        if (sectorSize is not (512 or 4096)) throw new InvalidDataException();
        var fatCount = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(0x2C));
        var directory = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(0x30));
        var difat = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(0x44));
        var perSector = sectorSize / 4;
        var maxSectors = (int)Math.Min(int.MaxValue, (content.Length / sectorSize) + 1);
        if (fatCount < 0 || fatCount > maxSectors) throw new InvalidDataException();

        // The FAT's own sectors: 109 in the header, the rest in a chain of DIFAT sectors.
        var fatSectors = new List<int>(Math.Min(fatCount, 109));
        for (var i = 0; i < 109 && fatSectors.Count < fatCount; i++) fatSectors.Add(BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(0x4C + (4 * i))));
        var buffer = new byte[sectorSize];
        for (var hops = 0; fatSectors.Count < fatCount && difat >= 0 && hops < maxSectors; hops++)
        {
            ReadSector(difat, buffer);
            for (var i = 0; i < perSector - 1 && fatSectors.Count < fatCount; i++) fatSectors.Add(BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(4 * i)));
            difat = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(sectorSize - 4));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var entry = new byte[4];
        for (var (sector, hops) = (directory, 0); sector >= 0 && hops < maxSectors; hops++)
        {
            ReadSector(sector, buffer);
            for (var i = 0; i < sectorSize / 128; i++)
            {
                var record = buffer.AsSpan(128 * i, 128);
                var length = BinaryPrimitives.ReadUInt16LittleEndian(record[0x40..]);
                if (length is >= 2 and <= 64) names.Add(Encoding.Unicode.GetString(record[..(length - 2)]));
            }

            // The next directory sector: entry `sector` of the FAT.
            var fat = sector / perSector;
            if (fat >= fatSectors.Count) break;
            content.Position = ((long)fatSectors[fat] + 1) * sectorSize + (4L * (sector % perSector));
            content.ReadExactly(entry);
            sector = BinaryPrimitives.ReadInt32LittleEndian(entry);
        }

        return names;

        void ReadSector(int id, byte[] into)
        {
            var offset = ((long)id + 1) * sectorSize;
            if (id < 0 || offset + sectorSize > content.Length) throw new InvalidDataException();
            content.Position = offset;
            content.ReadExactly(into);
        }
    }

    // HTML, SVG, XML or script: starts (after a BOM and blanks) with '<' or names a script.
    private static bool LooksLikeMarkup(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith(Utf8Bom)) start = start[3..];
        start = start.TrimStart(" \t\r\n"u8);
        return start.Length > 0 && start[0] == (byte)'<';
    }
}

/// <summary>File sizes as officials read them: 512 KB, 50 MB, 2 GB.</summary>
public static class Sizes
{
    public static string Of(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => string.Create(Invariant, $"{bytes >> 30} GB"),
        >= 1L << 30 => string.Create(Invariant, $"{bytes / (double)(1L << 30):0.#} GB"),
        >= 1L << 20 => string.Create(Invariant, $"{bytes / (double)(1L << 20):0.#} MB"),
        >= 1L << 10 => string.Create(Invariant, $"{bytes / (double)(1L << 10):0.#} KB"),
        _ => string.Create(Invariant, $"{bytes} 字节"),
    };

    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;
}
