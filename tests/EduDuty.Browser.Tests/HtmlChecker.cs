using System.Diagnostics;
using System.Text.Json;

namespace EduDuty.Browser.Tests;

/// <summary>
/// The Nu HTML Checker (vnu.jar, the W3C validator) over a folder of pages, errors only. The jar comes from
/// scripts/vnu.sh (EDUDUTY_VNU_JAR, which scripts/test.sh sets); Java from Debian.
/// </summary>
internal static class HtmlChecker
{
    public static async Task<IReadOnlyList<string>> ErrorsAsync(string folder)
    {
        var jar = Environment.GetEnvironmentVariable("EDUDUTY_VNU_JAR");
        Assert.True(jar is not null && File.Exists(jar),
            "The Nu HTML checker is missing: run the suite with scripts/test.sh, or export EDUDUTY_VNU_JAR=\"$(scripts/vnu.sh)\".");
        var pages = Directory.GetFiles(folder, "*.html").Order().ToList();
        Assert.NotEmpty(pages);

        // A short run: the client compiler alone (-XX:TieredStopAtLevel=1) halves the JVM's CPU time; its deeper frames need
        // the larger stack the checker asks for (-Xss).
        var start = new ProcessStartInfo("java", ["-XX:TieredStopAtLevel=1", "-Xss4m", "-jar", jar!, "--errors-only", "--format", "json", .. pages])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var report = await process.StandardError.ReadToEndAsync(); // vnu writes its JSON report to standard error
        await process.WaitForExitAsync();
        var json = report.Length > 0 ? report : await stdout;

        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() == "error")
            .Select(m => $"{FileName(m.GetProperty("url").GetString())} line {(m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0)}: {m.GetProperty("message").GetString()}")
            .ToList();
    }

    // vnu reports "file:/path/page.html" (one slash), which System.Uri does not parse; the page name is all a reader needs.
    private static string FileName(string? url) => url is null ? "?" : url[(url.LastIndexOf('/') + 1)..];
}
