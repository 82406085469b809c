using System.Diagnostics;
using System.Text.Json;
using EduDuty.Application;
using EduDuty.Application.Security.Tokens;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Browser.Tests;

/// <summary>
/// docs/api.md's Python script (standard library only) run as a user runs it, against the portal on real Kestrel (the browser
/// tests' host, the only one with a port a separate process can reach): a city's summaries downloaded as NDJSON and CSV, one
/// county's figures uploaded and read back, and its refusals (no token, a read-only token, an unknown code) told in Chinese
/// with nothing changed. Expected counts come from the seed's regions, not from the API.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class ApiScriptTests(BrowserPortal portal) : BrowserTests(portal)
{
    private static readonly string Script = Path.Combine(RepositoryPaths.Root, "docs", "api", "eduduty_api.py");

    [Fact]
    public async Task The_docs_script_downloads_a_citys_summaries_and_uploads_a_countys_figures()
    {
        var supervisor = await TokenAsync("yuncheng.supervisor", ["read"]);
        var official = await TokenAsync("wenxi.official", ["read", "figures:write"]);
        var readOnly = await TokenAsync("wenxi.official", ["read"]);
        var counties = await Portal.WithDbAsync(db => db.Regions
            .Where(r => r.Parent!.Code == "140800" && r.Level == Core.Regions.RegionLevel.County).Select(r => r.Code).OrderBy(c => c).ToListAsync());
        // The seed's 运城市 (Data/Seeding/ReferenceRegions): 盐湖区, 临猗县, 万荣县, 闻喜县, 夏县.
        Assert.Equal(["140802", "140821", "140822", "140823", "140828"], counties);
        var work = Directory.CreateTempSubdirectory("eduduty-api-script-").FullName;

        // NDJSON: one county a line, every county of the city, each line a JSON object naming its county.
        var ndjson = Path.Combine(work, "yuncheng.ndjson");
        var download = await RunAsync(supervisor, "summaries", "140800", "2021", "--out", ndjson);
        Assert.True(download.ExitCode == 0, download.Stderr);
        var lines = await File.ReadAllLinesAsync(ndjson);
        var codes = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(counties, codes);
        Assert.Contains($"已下载 {counties.Count} 行", download.Stderr);

        // CSV: a header and one row a county.
        var csv = Path.Combine(work, "yuncheng.csv");
        var csvRun = await RunAsync(supervisor, "summaries", "140800", "2021", "--format", "csv", "--out", csv);
        Assert.True(csvRun.ExitCode == 0, csvRun.Stderr);
        Assert.Equal(counties.Count + 1, (await File.ReadAllLinesAsync(csv)).Count(l => l.Length > 0));

        // Upload: 闻喜县's A10.02 set and read back from the database; the script sent the versions it read with If-Match.
        var evaluation = await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync());
        var figures = Path.Combine(work, "figures.json");
        await File.WriteAllTextAsync(figures, """{"A10.02": "12345"}""");
        var upload = await RunAsync(official, "upload", "140823", "2021", figures);
        Assert.True(upload.ExitCode == 0, upload.Stderr);
        Assert.Contains("已保存 1 项", upload.Stderr);
        Assert.Equal(12345m, await StoredAsync(evaluation, "A10.02"));

        // Refusals: each says what to do, exits non-zero and changes nothing.
        await File.WriteAllTextAsync(figures, """{"A10.02": "54321"}""");
        var readOnlyRun = await RunAsync(readOnly, "upload", "140823", "2021", figures);
        Assert.Equal(1, readOnlyRun.ExitCode);
        Assert.Contains("403", readOnlyRun.Stderr);
        var noToken = await RunAsync(null, "upload", "140823", "2021", figures);
        Assert.Equal(2, noToken.ExitCode);
        Assert.Contains("EDUDUTY_TOKEN", noToken.Stderr);
        await File.WriteAllTextAsync(figures, """{"Z99.99": "1"}""");
        var unknown = await RunAsync(official, "upload", "140823", "2021", figures);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Z99.99", unknown.Stderr);
        await File.WriteAllTextAsync(figures, """{"A10.02": 54321}""");
        var number = await RunAsync(official, "upload", "140823", "2021", figures);
        Assert.Equal(2, number.ExitCode);
        Assert.Contains("A10.02", number.Stderr);
        Assert.Equal(12345m, await StoredAsync(evaluation, "A10.02"));

        // A refused download leaves no empty file behind that looks like data.
        var refused = Path.Combine(work, "refused.ndjson");
        var refusedRun = await RunAsync(supervisor, "summaries", "140800", "2031", "--out", refused);
        Assert.Equal(1, refusedRun.ExitCode);
        Assert.False(File.Exists(refused));
        Directory.Delete(work, recursive: true);
    }

    private Task<decimal?> StoredAsync(int evaluation, string code) =>
        Portal.WithDbAsync(db => db.FigureValues.Where(f => f.EvaluationId == evaluation && f.FieldCode == code).Select(f => f.Number).SingleOrDefaultAsync());

    /// <summary>A token made as the command line makes it (<c>eduduty tokens create</c>).</summary>
    private async Task<string> TokenAsync(string userName, IReadOnlyList<string> scopes)
    {
        var userId = await Portal.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        await using var scope = Portal.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<CreateApiToken>()
            .HandleAsync(userId, new ApiTokenRequest("脚本测试", scopes, 30), Actor.CommandLine);
        return outcome.Value?.Secret ?? throw new InvalidOperationException($"no token for {userName}: {outcome.Refusal}");
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string? token, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add("--base");
        start.ArgumentList.Add(Portal.RootUri);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("EDUDUTY_TOKEN");
        if (token is not null) start.Environment["EDUDUTY_TOKEN"] = token;
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
