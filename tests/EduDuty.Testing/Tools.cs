using System.Diagnostics;

namespace EduDuty.Testing;

/// <summary>The command-line programs the tests check our files with (qpdf, poppler-utils: pdfsig, pdftotext, pdffonts, pdfinfo).</summary>
public static class Tools
{
    /// <summary>Runs <paramref name="tool"/> and returns its exit code with standard output and error together.</summary>
    public static (int Code, string Output) Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{tool} did not start: apt-get install qpdf poppler-utils");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + error.GetAwaiter().GetResult();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    /// <summary>Runs <paramref name="tool"/> on <paramref name="file"/> written to a temporary file (deleted after).</summary>
    public static (int Code, string Output) RunOn(byte[] file, string extension, string tool, params string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"eduduty-{Guid.NewGuid():N}.{extension}");
        File.WriteAllBytes(path, file);
        try
        {
            return Run(tool, [.. args, path]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>pdftotext's text of a PDF, pages separated by form feeds.</summary>
    public static string PdfToText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"eduduty-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var (code, output) = Run("pdftotext", "-enc", "UTF-8", path, path + ".txt");
            if (code != 0) throw new InvalidOperationException($"pdftotext failed ({code}): {output}");
            return File.ReadAllText(path + ".txt");
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".txt");
        }
    }
}
