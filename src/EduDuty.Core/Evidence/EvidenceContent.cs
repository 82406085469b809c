using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using EduDuty.Core.Messaging;

namespace EduDuty.Core.Evidence;

/// <summary>What a file turned out to be, or why it is refused (a catalogue message that names the file and the reason).</summary>
public sealed record EvidenceCheck(EvidenceKind? Kind, Message? Refusal)
{
    public static EvidenceCheck Refuse(Message reason) => new(null, reason);
}

/// <summary>
/// The one home of the rule that an uploaded file is what it claims (issue 24). <see cref="Inspect"/> takes the name and the
/// content: the extension must not be a program's, a script's or a macro document's, the content decides the kind (never
/// the name nor the browser's type), and the name's extension must be one of that kind's. <see cref="Check"/> is the
/// content alone: programs (PE, ELF, Mach-O) and scripts or pages (&lt;script, &lt;html, @echo off, #!/ …) anywhere in the
/// first kilobytes are refused whatever follows; a PDF must start with %PDF- and hold no JavaScript, launch action, embedded
/// file, rich media or XFA (object streams are inflated and read too); an Office file holds no macros, no DOCTYPE or entity
/// in any part and no relationship to an external template or file; an archive holds no name that climbs out of it (..,
/// absolute, drive letter), no program or script and no password. A ZIP whose entries would expand past the size limit is
/// refused from its declared sizes. Reads a seekable stream a piece at a time; never throws on any content.
/// </summary>
public static class EvidenceContent
{
    public const int MaxZipEntries = 20_000;

    /// <summary>How much of the start of a file (and of each file inside an archive) is searched for programs and scripts.</summary>
    public const int SniffBytes = 8 * 1024;

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> CompoundFileMagic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    // Magic numbers at the very start, with what to call them.
    private static readonly (byte[] Magic, string What)[] Programs =
    [
        ("MZ"u8.ToArray(), "Windows 程序（PE）"),
        ([0x7F, 0x45, 0x4C, 0x46], "Linux 程序（ELF）"),
        ([0xFE, 0xED, 0xFA, 0xCE], "macOS 程序（Mach-O）"),
        ([0xFE, 0xED, 0xFA, 0xCF], "macOS 程序（Mach-O）"),
        ([0xCE, 0xFA, 0xED, 0xFE], "macOS 程序（Mach-O）"),
        ([0xCF, 0xFA, 0xED, 0xFE], "macOS 程序（Mach-O）"),
        ([0xCA, 0xFE, 0xBA, 0xBE], "macOS 通用程序或 Java 类文件"),
        ([0xBE, 0xBA, 0xFE, 0xCA], "macOS 通用程序（Mach-O）"),
        ([0x00, 0x61, 0x73, 0x6D], "WebAssembly 程序"),
        ("dex\n"u8.ToArray(), "Android 程序（DEX）"),
    ];

    // A DOS stub names a Windows program wherever it sits (a PDF/PE polyglot keeps it after a few bytes of "%PDF-").
    private static readonly byte[][] DosStubs = ["This program cannot be run in DOS mode"u8.ToArray(), "This program must be run under Win32"u8.ToArray()];

    // Lower case: found in the lower-cased first kilobytes (and in their UTF-16 reading when the file starts with its BOM).
    private static readonly string[] ScriptMarkers =
    [
        "<script", "<html", "<!doctype html", "<hta:", "<svg", "<iframe", "<frameset", "<object", "<embed", "<body", "<meta http-equiv",
        "javascript:", "vbscript:", "@echo off", "<?php", "wscript.shell", "createobject(", "powershell -", "<%@",
    ];

    private static readonly byte[][] ScriptMarkerBytes = [.. ScriptMarkers.Select(m => Encoding.ASCII.GetBytes(m))];

    /// <summary>The name and the content together: what <see cref="Check"/> says, and an extension that fits it.</summary>
    /// <param name="cleanName">The name as <see cref="EvidenceFileName.Clean"/> left it.</param>
    public static EvidenceCheck Inspect(string cleanName, Stream content, long maxBytes)
    {
        var extension = Path.GetExtension(cleanName).ToLowerInvariant();
        if (EvidenceKinds.ForbiddenExtensions.Contains(extension)) return EvidenceCheck.Refuse(Messages.UploadForbiddenExtension(cleanName, extension));
        var check = Check(content, maxBytes, cleanName);
        if (check.Kind is not { } kind || kind.Extensions().Contains(extension)) return check;
        return EvidenceCheck.Refuse(extension.Length == 0
            ? Messages.UploadUnknownExtension(cleanName, extension, EvidenceKinds.Accepted)
            : Messages.UploadExtensionMismatch(cleanName, extension, kind.DisplayName(), kind.Extensions()[0]));
    }

    /// <summary>The content alone: its kind, or why it is refused.</summary>
    /// <param name="fileName">How the messages name the file.</param>
    public static EvidenceCheck Check(Stream content, long maxBytes, string? fileName = null)
    {
        var file = fileName ?? "文件";
        try
        {
            return Inspect(content, maxBytes, file);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or NotSupportedException or OverflowException
                                       or System.Xml.XmlException or InvalidOperationException)
        {
            return EvidenceCheck.Refuse(Messages.UploadDamaged(file));
        }
    }

    private static EvidenceCheck Inspect(Stream content, long maxBytes, string file, int depth = 0)
    {
        if (content.Length == 0) return EvidenceCheck.Refuse(Messages.UploadEmpty(file));
        if (content.Length > maxBytes) return EvidenceCheck.Refuse(Messages.UploadTooLarge(file, Sizes.Of(content.Length), Sizes.Of(maxBytes)));

        var head = new byte[SniffBytes];
        content.Position = 0;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var start = head.AsSpan(0, read);

        if (ProgramIn(start) is { } program) return EvidenceCheck.Refuse(Messages.UploadExecutable(file, program));
        if (ScriptIn(start) is { } marker) return EvidenceCheck.Refuse(Messages.UploadScript(file, marker));

        if (start.StartsWith("%PDF-"u8)) return Pdf(content, file);
        if (start.StartsWith(Jpeg)) return new(EvidenceKind.Jpeg, null);
        if (start.StartsWith(Png)) return new(EvidenceKind.Png, null);
        if (start.StartsWith("PK\u0003\u0004"u8) || start.StartsWith("PK\u0005\u0006"u8)) return Zip(content, maxBytes, file, depth);
        if (start.StartsWith(CompoundFileMagic)) return CompoundFile(content, file);

        if (LooksLikeMarkup(start)) return EvidenceCheck.Refuse(Messages.UploadScript(file, "<"));
        return EvidenceCheck.Refuse(Messages.UploadUnknownKind(file, EvidenceKinds.Accepted));
    }

    /// <summary>What kind of program the bytes start as (or hold a DOS stub of), or null.</summary>
    private static string? ProgramIn(ReadOnlySpan<byte> start)
    {
        foreach (var (magic, what) in Programs)
        {
            if (start.StartsWith(magic)) return what;
        }

        foreach (var stub in DosStubs)
        {
            if (start.IndexOf(stub) >= 0) return "Windows 程序（PE）";
        }

        return null;
    }

    /// <summary>The script or page marker found in the first kilobytes (or "#!" at the very start), or null.</summary>
    private static string? ScriptIn(ReadOnlySpan<byte> start)
    {
        var text = start.StartsWith(Utf8Bom) ? start[3..] : start;
        if (text.StartsWith("#!"u8)) return "#!";

        // UTF-16 with its BOM is how a browser or a script host reads such a file: its code units' low bytes are the text.
        Span<byte> lower = stackalloc byte[start.Length];
        var length = 0;
        var utf16 = start.Length >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF));
        if (utf16)
        {
            var low = start[0] == 0xFF ? 0 : 1;
            for (var i = 2 + low; i < start.Length; i += 2) lower[length++] = start[i];
            if (lower[..length].TrimStart(" \t\r\n"u8).StartsWith("#!"u8)) return "#!";
        }
        else
        {
            start.CopyTo(lower);
            length = start.Length;
        }

        var haystack = lower[..length];
        for (var i = 0; i < haystack.Length; i++)
        {
            if (haystack[i] is >= (byte)'A' and <= (byte)'Z') haystack[i] += 32;
        }

        for (var i = 0; i < ScriptMarkerBytes.Length; i++)
        {
            if (haystack.IndexOf(ScriptMarkerBytes[i]) >= 0) return ScriptMarkers[i];
        }

        return utf16 && LooksLikeMarkup(haystack) ? "<" : null;
    }

    private static EvidenceCheck Pdf(Stream content, string file)
    {
        var scan = PdfScan.Read(content);
        if (scan.ActiveContent is { } what) return EvidenceCheck.Refuse(Messages.UploadPdfActiveContent(file, what));
        return scan.Uncheckable ? EvidenceCheck.Refuse(Messages.UploadPdfUncheckable(file)) : new(EvidenceKind.Pdf, null);
    }

    // Office Open XML and OFD are ZIP packages: what is inside decides. Declared sizes are checked before anything is expanded;
    // then each entry's name, the first kilobytes of each, and the parts an Office program reads before it shows anything.
    private static EvidenceCheck Zip(Stream content, long maxBytes, string file, int depth)
    {
        content.Position = 0;
        using var archive = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        var entries = archive.Entries;
        if (entries.Count > MaxZipEntries) return EvidenceCheck.Refuse(Messages.UploadArchiveTooManyEntries(file, entries.Count, MaxZipEntries));
        long expanded = 0;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            expanded += entry.Length;
            if (UnsafeEntryName(entry.FullName)) return EvidenceCheck.Refuse(Messages.UploadArchiveUnsafeName(file, Shorten(entry.FullName)));
            if (entry.IsEncrypted) return EvidenceCheck.Refuse(Messages.UploadArchiveEncrypted(file));
            names.Add(entry.FullName.Replace('\\', '/'));
        }

        if (expanded > maxBytes) return EvidenceCheck.Refuse(Messages.UploadArchiveTooLarge(file, Sizes.Of(expanded), Sizes.Of(maxBytes)));

        var package = names.Contains("[Content_Types].xml");
        EvidenceKind kind;
        if (package && names.Contains("word/document.xml")) kind = EvidenceKind.Docx;
        else if (package && names.Contains("xl/workbook.xml")) kind = EvidenceKind.Xlsx;
        else if (package && names.Contains("ppt/presentation.xml")) return EvidenceCheck.Refuse(Messages.UploadPowerPoint(file));
        else if (names.Contains("OFD.xml")) kind = EvidenceKind.Ofd;
        else kind = EvidenceKind.Zip;

        var head = new byte[SniffBytes];
        foreach (var entry in entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (name.EndsWith('/') && entry.Length == 0) continue;
            // Windows drops trailing dots and blanks when it extracts a name ("run.bat." becomes run.bat): read the extension so.
            if (kind == EvidenceKind.Zip && EvidenceKinds.ForbiddenExtensions.Contains(Path.GetExtension(name.TrimEnd('.', ' '))))
            {
                return EvidenceCheck.Refuse(Messages.UploadArchiveExecutable(file, Shorten(name)));
            }

            int read;
            using (var stream = entry.Open()) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var start = head.AsSpan(0, read);
            if (ProgramIn(start) is not null) return EvidenceCheck.Refuse(Messages.UploadArchiveExecutable(file, Shorten(name)));
            if (kind == EvidenceKind.Zip && ScriptIn(start) is not null) return EvidenceCheck.Refuse(Messages.UploadArchiveExecutable(file, Shorten(name)));
            if (Nested(entry, start, kind, maxBytes, file, name, depth) is { Refusal: not null } inner) return inner;
        }

        return kind == EvidenceKind.Zip ? new(kind, null) : OfficePackage(entries, kind, file);
    }

    // What an Office program (or an OFD reader) acts on before the reader sees anything: macros, DTDs and external links.
    // Archives other than ZIP cannot be opened here, so what they hold is unknown: refused. A ZIP-based file inside (a zip, a
    // Word or Excel file, also one embedded in an Office file) and, in a plain archive, a PDF or a legacy Office file are
    // inspected as uploads of their own, one level deep: a second level of archives is refused (the attacker's review found
    // programs two archives down and macros in a document inside an archive going through).
    private static EvidenceCheck? Nested(ZipArchiveEntry entry, ReadOnlySpan<byte> start, EvidenceKind kind, long maxBytes, string file, string name, int depth)
    {
        var other = false;
        foreach (var magic in OtherArchives) other |= start.StartsWith(magic);
        if (other || IsTar(start)) return EvidenceCheck.Refuse(Messages.UploadArchiveNested(file, Shorten(name)));
        var zip = start.StartsWith("PK\u0003\u0004"u8) || start.StartsWith("PK\u0005\u0006"u8);
        var inspected = zip || (kind == EvidenceKind.Zip && (start.StartsWith("%PDF-"u8) || start.StartsWith(CompoundFileMagic)));
        if (!inspected) return null;
        if (zip && depth > 0) return EvidenceCheck.Refuse(Messages.UploadArchiveNested(file, Shorten(name)));

        // Its declared length was counted against the limit with the rest; it is read no further than that.
        using var copy = new MemoryStream();
        using (var stream = entry.Open()) stream.CopyTo(copy);
        if (copy.Length > entry.Length) throw new InvalidDataException("An entry expands past its declared size.");
        var check = Inspect(copy, maxBytes, $"{file}（{Shorten(name)}）", depth + 1);
        return check.Refusal is not null ? check : null;
    }

    private static readonly byte[][] OtherArchives =
    [
        [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], // 7z
        [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07], // Rar!
        [0x4D, 0x53, 0x43, 0x46], // MSCF: a Windows cabinet
        [0x1F, 0x8B], // gzip
        [0x42, 0x5A, 0x68], // bzip2
        [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], // xz
    ];

    // A tar archive says "ustar" at byte 257 of its first header.
    private static bool IsTar(ReadOnlySpan<byte> start) => start.Length > 262 && start[257..262].SequenceEqual("ustar"u8);

    private static EvidenceCheck OfficePackage(IEnumerable<ZipArchiveEntry> entries, EvidenceKind kind, string file)
    {
        foreach (var entry in entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            var leaf = name[(name.LastIndexOf('/') + 1)..];
            if (leaf.Equals("vbaProject.bin", StringComparison.OrdinalIgnoreCase) || leaf.Equals("vbaProjectSignature.bin", StringComparison.OrdinalIgnoreCase)
                || leaf.Equals("vbaData.xml", StringComparison.OrdinalIgnoreCase) || name.Contains("/macrosheets/", StringComparison.OrdinalIgnoreCase))
            {
                return EvidenceCheck.Refuse(Messages.UploadMacros(file));
            }
        }

        foreach (var entry in entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            var extension = Path.GetExtension(name);
            if (!extension.Equals(".xml", StringComparison.OrdinalIgnoreCase) && !extension.Equals(".rels", StringComparison.OrdinalIgnoreCase)) continue;
            if (PartHolds(entry, "<!DOCTYPE", "<!ENTITY")) return EvidenceCheck.Refuse(Messages.UploadXmlEntities(file, Shorten(name)));
            var small = name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".rels", StringComparison.OrdinalIgnoreCase);
            if (!small) continue;
            if (entry.Length > MaxSmallPart) return EvidenceCheck.Refuse(Messages.UploadDamaged(file));
            var text = PartText(entry);
            if (extension.Equals(".xml", StringComparison.OrdinalIgnoreCase)
                && (text.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || text.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)))
            {
                return EvidenceCheck.Refuse(Messages.UploadMacros(file));
            }

            if (extension.Equals(".rels", StringComparison.OrdinalIgnoreCase) && ExternalTarget(text) is { } target)
            {
                return EvidenceCheck.Refuse(Messages.UploadExternalReference(file, Shorten(target)));
            }
        }

        return new(kind, null);
    }

    // The content types and the relationships of a package are a few kilobytes; a larger one is not an Office file's.
    private const long MaxSmallPart = 4L << 20;

    // A part's text, UTF-8 or UTF-16 as its BOM says.
    private static string PartText(ZipArchiveEntry entry)
    {
        using var reader = PartReader(entry);
        var text = new StringBuilder();
        var buffer = new char[64 * 1024];
        int read;
        while ((read = reader.Read(buffer)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > entry.Length) throw new InvalidDataException("A part expands past its declared size.");
        }

        return text.ToString();
    }

    // A part's reader; its callers stop at the part's declared size (UTF-8 and UTF-16 never give more characters than bytes),
    // so an entry that lies about its size is refused as damaged rather than expanded.
    private static StreamReader PartReader(ZipArchiveEntry entry) =>
        new(entry.Open(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    // Whether a part holds any of the markers (ignoring case), read a piece at a time however large it is.
    private static bool PartHolds(ZipArchiveEntry entry, params string[] markers)
    {
        using var reader = PartReader(entry);
        var overlap = markers.Max(m => m.Length) - 1;
        var buffer = new char[64 * 1024];
        var kept = 0;
        long total = 0;
        int read;
        while ((read = reader.Read(buffer, kept, buffer.Length - kept)) > 0)
        {
            total += read;
            if (total > entry.Length) throw new InvalidDataException("A part expands past its declared size.");
            var window = buffer.AsSpan(0, kept + read);
            foreach (var marker in markers)
            {
                if (window.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0) return true;
            }

            kept = Math.Min(overlap, window.Length);
            window[^kept..].CopyTo(buffer);
        }

        return false;
    }

    // The target of the first relationship that leaves the package, other than a hyperlink (a click, not an automatic fetch):
    // an attached template, a linked picture, an OLE link, a frame, another workbook.
    private static string? ExternalTarget(string rels)
    {
        using var reader = System.Xml.XmlReader.Create(new StringReader(rels), new System.Xml.XmlReaderSettings
        {
            DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 16L << 20,
        });
        while (reader.Read())
        {
            if (reader.NodeType != System.Xml.XmlNodeType.Element || reader.LocalName != "Relationship") continue;
            if (!string.Equals(reader.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase)) continue;
            if ((reader.GetAttribute("Type") ?? "").EndsWith("/hyperlink", StringComparison.Ordinal)) continue;
            return reader.GetAttribute("Target") ?? "";
        }

        return null;
    }

    /// <summary>A name inside an archive that would land outside the folder it is unpacked into, or that no folder can hold.</summary>
    internal static bool UnsafeEntryName(string name)
    {
        if (name.Any(char.IsControl)) return true;
        var slashed = name.Replace('\\', '/');
        if (slashed.StartsWith('/') || (slashed.Length >= 2 && slashed[1] == ':' && char.IsAsciiLetter(slashed[0]))) return true;
        // Windows drops trailing dots and blanks: ". ." and "..." climb as ".." does.
        return slashed.Split('/').Any(s => s.Length > 0 && s.All(c => c is '.' or ' ') && s.Count(c => c == '.') >= 2);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "…");

    // An Office 97–2003 compound file (also WPS's .wps and .et): its directory names the main stream, and the storages of a
    // VBA project when it has macros.
    private static EvidenceCheck CompoundFile(Stream content, string file)
    {
        var names = CompoundFileNames(content);
        if (names.Contains("Macros") || names.Contains("_VBA_PROJECT_CUR") || names.Contains("VBA") || names.Contains("_VBA_PROJECT"))
        {
            return EvidenceCheck.Refuse(Messages.UploadMacros(file));
        }

        if (names.Contains("WordDocument")) return new(EvidenceKind.Doc, null);
        if (names.Contains("Workbook") || names.Contains("Book")) return new(EvidenceKind.Xls, null);
        return EvidenceCheck.Refuse(Messages.UploadOtherOffice(file));
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

    // HTML, SVG, XML or any other markup: starts (after a BOM and blanks) with '<'.
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
