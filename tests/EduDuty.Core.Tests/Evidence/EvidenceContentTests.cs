using System.IO.Compression;
using System.Text;
using EduDuty.Core.Evidence;
using EduDuty.Testing;
using FsCheck;
using FsCheck.Xunit;

namespace EduDuty.Core.Tests.Evidence;

/// <summary>
/// The content decides, never the name: real files written by LibreOffice (tests/fixtures/evidence) are recognised, and
/// hostile ones (an HTML page named .pdf, an SVG with a script, a program, a ZIP bomb, an empty file) are refused with a
/// reason.
/// </summary>
public sealed class EvidenceContentTests
{
    private const long Limit = 50L << 20;

    private static EvidenceCheck Check(byte[] bytes, long limit = Limit) => EvidenceContent.Check(new MemoryStream(bytes), limit);

    private static byte[] Fixture(string name) => File.ReadAllBytes(RepositoryPaths.Fixture("evidence", name));

    [Theory]
    [InlineData("notice.pdf", EvidenceKind.Pdf)]
    [InlineData("notice.doc", EvidenceKind.Doc)]
    [InlineData("table.xls", EvidenceKind.Xls)]
    [InlineData("notice.docx", EvidenceKind.Docx)]
    [InlineData("table.xlsx", EvidenceKind.Xlsx)]
    public void Files_written_by_an_office_suite_are_recognised_by_their_content(string name, EvidenceKind expected)
    {
        Assert.Equal(expected, Check(Fixture(name)).Kind);
    }

    [Fact]
    public void Images_an_ofd_package_and_a_plain_zip_are_recognised()
    {
        Assert.Equal(EvidenceKind.Png, Check([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).Kind);
        Assert.Equal(EvidenceKind.Jpeg, Check([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F']).Kind);
        Assert.Equal(EvidenceKind.Ofd, Check(Zip(("OFD.xml", "<ofd:OFD/>"), ("Doc_0/Document.xml", "<d/>"))).Kind);
        Assert.Equal(EvidenceKind.Zip, Check(Zip(("照片/1.txt", "x"))).Kind);
    }

    [Fact]
    public void An_html_page_named_pdf_and_an_svg_with_a_script_are_refused_as_markup()
    {
        var html = Check(Encoding.UTF8.GetBytes("<!DOCTYPE html><html><script>alert(1)</script>%PDF-1.4</html>"));
        var svg = Check(Encoding.UTF8.GetBytes("\uFEFF  <svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"));

        Assert.Null(html.Kind);
        Assert.Equal("upload-script", html.Refusal?.Code);
        Assert.Null(svg.Kind);
        Assert.Equal("upload-script", svg.Refusal?.Code);
    }

    [Fact]
    public void A_program_an_empty_file_and_an_oversized_file_are_refused_with_their_reason()
    {
        Assert.Contains("可执行程序", Check([(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0]).Refusal?.Text);
        Assert.Contains("空的", Check([]).Refusal?.Text);
        Assert.Contains("超过每个文件 1 KB 的上限", Check(new byte[2048], limit: 1024).Refusal?.Text);
    }

    [Fact]
    public void A_zip_bomb_is_refused_from_its_declared_sizes_without_expanding_it()
    {
        // 60 MB of zeros compress to about 60 KB: the archive is small, its content is past the 50 MB limit.
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("zeros.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 60; i++) entry.Write(zeros);
        }

        Assert.True(buffer.Length < 1 << 20);
        var check = Check(buffer.ToArray());
        Assert.Null(check.Kind);
        Assert.Contains("解压后", check.Refusal?.Text);
    }

    [Fact]
    public void An_office_97_file_that_is_neither_word_nor_excel_is_refused()
    {
        var check = Check(TestFiles.CompoundFile("PowerPoint Document"));

        Assert.Null(check.Kind);
        Assert.Contains("不是 Word 文档或 Excel 表格", check.Refusal?.Text);
        Assert.Equal(EvidenceKind.Doc, Check(TestFiles.CompoundFile("WordDocument")).Kind);
    }

    [Property(MaxTest = 500)]
    public void Any_bytes_get_a_kind_or_a_reason_and_never_an_exception(byte[] bytes, byte prefix)
    {
        // Random content behind each known signature, so that every reader is reached.
        byte[][] signatures = [[], "%PDF-"u8.ToArray(), "PK\u0003\u0004"u8.ToArray(), [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], [0xFF, 0xD8, 0xFF]];
        var content = signatures[prefix % signatures.Length].Concat(bytes ?? []).ToArray();

        var check = Check(content);

        Assert.True(check.Kind is not null ^ check.Refusal is not null);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\张三\\通知.pdf", "通知.pdf")]
    [InlineData("会议\u0000纪要\u001f.pdf", "会议纪要.pdf")]
    [InlineData("\u202Efdp.exe", "fdp.exe")]
    [InlineData("  ..  ", "未命名文件")]
    [InlineData(null, "未命名文件")]
    public void File_names_keep_no_path_and_no_control_characters(string? sent, string kept)
    {
        Assert.Equal(kept, EvidenceFileName.Clean(sent));
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }
}
