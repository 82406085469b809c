using System.Diagnostics;

namespace EduDuty.Testing;

/// <summary>
/// LibreOffice headless, the third program (beside Excel and WPS) officials save workbooks with: opening a workbook and saving
/// it again, as a user would; and the Word files' third reader (beside Word and WPS). CI installs it (libreoffice-calc-nogui,
/// libreoffice-writer-nogui, scripts/os-packages.sh).
/// </summary>
public static class LibreOffice
{
    /// <summary>A Word file as LibreOffice Writer lays it out, exported to PDF (libreoffice-writer-nogui).</summary>
    public static byte[] DocxToPdf(byte[] docx) => Resave(docx, "docx", "pdf:writer_pdf_Export");

    public static byte[] Resave(byte[] workbook, string extension = "xlsx", string filter = "xlsx:Calc MS Excel 2007 XML")
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/bin/libreoffice" }.FirstOrDefault(File.Exists)
                      ?? throw new InvalidOperationException("LibreOffice is missing: install libreoffice-calc-nogui (scripts/os-packages.sh test).");
        var directory = Directory.CreateTempSubdirectory("eduduty-lo-");
        try
        {
            var input = Path.Combine(directory.FullName, "in", "book." + extension);
            Directory.CreateDirectory(Path.GetDirectoryName(input)!);
            File.WriteAllBytes(input, workbook);
            var output = Path.Combine(directory.FullName, "out");
            var start = new ProcessStartInfo(soffice)
            {
                ArgumentList =
                {
                    $"-env:UserInstallation=file://{directory.FullName}/profile", "--headless", "--norestore",
                    "--convert-to", filter, "--outdir", output, input,
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
            var saved = Path.Combine(output, "book." + filter.Split(':')[0]);
            return File.Exists(saved)
                ? File.ReadAllBytes(saved)
                : throw new InvalidOperationException($"LibreOffice did not convert: {process.StandardError.ReadToEnd()}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
