using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace EduDuty.Benchmarks.Compare;

/// <summary>
/// The portal as users meet it, for the sections that measure over HTTP: the Release build of EduDuty.Web started as a
/// process of its own (Development, so the demo accounts exist) on a throwaway SQLite file or a PostgreSQL database, pinned
/// to one core so that the load generator can have the other (<c>taskset</c>).
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _work;

    public string BaseUrl { get; }

    public int Pid => _process.Id;

    /// <summary>The database the portal runs on, for sections that run the command line against it (<c>eduduty tokens create</c>).</summary>
    public string ConnectionString { get; private init; } = string.Empty;

    public bool OnPostgres { get; private init; }

    /// <summary>The server's console output (its log), for sections that count what it logged.</summary>
    public string LogPath => Path.Combine(_work, "server.log");

    private PortalProcess(Process process, string work, string baseUrl) => (_process, _work, BaseUrl) = (process, work, baseUrl);

    /// <summary>Builds nothing: run <c>dotnet build src/EduDuty.Web -c Release</c> first (the compare mode does).</summary>
    public static async Task<PortalProcess> StartAsync(CompareContext context, int port, string? postgres = null,
        IReadOnlyDictionary<string, string>? settings = null, string? cpu = "0", CancellationToken cancellationToken = default)
    {
        var work = Directory.CreateTempSubdirectory("eduduty-compare-").FullName;
        var dll = Path.Combine(context.Root, "src", "EduDuty.Web", "bin", "Release", "net10.0", "EduDuty.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: dotnet build src/EduDuty.Web -c Release");
        var start = new ProcessStartInfo(cpu is null ? "dotnet" : "taskset")
        {
            WorkingDirectory = Path.Combine(context.Root, "src", "EduDuty.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (cpu is not null)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(cpu);
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (postgres is null)
        {
            start.Environment["ConnectionStrings__EduDuty"] = $"Data Source={Path.Combine(work, "eduduty.db")}";
        }
        else
        {
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["ConnectionStrings__EduDuty"] = postgres;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start)!;
        var log = new StreamWriter(Path.Combine(work, "server.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var portal = new PortalProcess(process, work, $"http://127.0.0.1:{port}")
        {
            ConnectionString = start.Environment["ConnectionStrings__EduDuty"]!,
            OnPostgres = postgres is not null,
        };
        await portal.WaitReadyAsync(TimeSpan.FromSeconds(120), cancellationToken);
        return portal;
    }

    /// <summary>Waits for the first 200 from /healthz; returns how long that took from now.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan limit, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the portal stopped; see {_work}/server.log");
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/healthz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return watch.Elapsed;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new TimeoutException($"the portal did not answer /healthz in {limit.TotalSeconds} s; see {_work}/server.log");
    }

    /// <summary>A client signed in as a demo user (password <c>Demo-Password-2021</c>), keeping its cookies.</summary>
    public async Task<SignedIn> SignInAsync(string userName, CancellationToken cancellationToken = default)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
        var login = await http.GetStringAsync("/Account/Login", cancellationToken);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = "Demo-Password-2021",
            ["__RequestVerificationToken"] = Token(login),
        });
        using var response = await http.PostAsync("/Account/Login", form, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in as {userName} gave {(int)response.StatusCode}");
        return new SignedIn(http, cookies.GetCookieHeader(new Uri(BaseUrl)));
    }

    /// <summary>The anti-forgery token of a page's form.</summary>
    public static string Token(string html) => TokenPattern().Match(html) is { Success: true } m
        ? m.Groups[1].Value
        : throw new InvalidOperationException("no __RequestVerificationToken on the page");

    /// <summary>The server's resident memory in MB (Linux).</summary>
    public double ResidentMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>A signed-in client and its Cookie header (for wrk).</summary>
public sealed record SignedIn(HttpClient Http, string CookieHeader);

/// <summary>
/// wrk against one URL (pinned to a core of its own), parsed: requests/s and latency percentiles. A throughput goal is
/// always a ratio against /healthz measured in the same run, interleaved, because the machine's speed varies.
/// </summary>
public static partial class Wrk
{
    public sealed record Result(string Url, double RequestsPerSecond, double P50Ms, double P99Ms, long Non2xx);

    public static async Task<Result> RunAsync(string url, string? cookieHeader = null, int connections = 16, int seconds = 10,
        string cpu = "1", CancellationToken cancellationToken = default, IReadOnlyList<string>? headers = null)
    {
        var start = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", cpu, "wrk", "-t1", $"-c{connections}", $"-d{seconds}s", "--latency" }) start.ArgumentList.Add(a);
        if (cookieHeader is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add("Cookie: " + cookieHeader);
        }

        foreach (var header in headers ?? [])
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(header);
        }

        start.ArgumentList.Add(url);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var rps = double.Parse(Rps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Non2xx().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new Result(url, rps, Percentile(output, "50%"), Percentile(output, "99%"), non2xx);
    }

    private static double Percentile(string output, string label)
    {
        var m = Regex.Match(output, $@"^\s*{Regex.Escape(label)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!m.Success) return double.NaN;
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rps();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();
}
