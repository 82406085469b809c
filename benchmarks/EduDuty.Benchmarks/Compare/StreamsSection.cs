using System.Diagnostics;

namespace EduDuty.Benchmarks.Compare;

/// <summary>
/// Issue 29: the API's region summaries (NDJSON) of a province stream in constant memory. The province 990000 seeded as the
/// scale section seeds it (<see cref="ScaleSection.SqliteAsync"/>: 28 and 2,806 filled, submitted counties), and the
/// summaries written by <c>counties-export summaries &lt;db&gt; stream</c> — the API's own path, RegionSummaries → NdjsonFile —
/// each in a process of its own so that its peak resident set is its own; beside it, for contrast, the same counties read into
/// a list first (<c>list</c>). Goal: the peak resident set at 2,806 counties within 1.25× that at 28.
/// </summary>
public sealed class StreamsSection : ICompareSection
{
    public string Name => "streams";

    public string Title => "API streams: the region summaries (NDJSON) at 2,806 counties against 28, peak memory (issue 29)";

    private const double Goal = 1.25;

    public async Task<IReadOnlyList<CompareRow>> RunAsync(CompareContext context, CancellationToken cancellationToken)
    {
        var small = await ScaleSection.SqliteAsync(context, 28, cancellationToken);
        var large = await ScaleSection.SqliteAsync(context, 2806, cancellationToken);
        var rows = new List<CompareRow>();
        foreach (var shape in new[] { "stream", "list" })
        {
            var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            var a = await MeasureAsync(context, small, shape, cancellationToken);
            var b = await MeasureAsync(context, large, shape, cancellationToken);
            var ratio = (double)b.PeakMb / a.PeakMb;
            rows.Add(new CompareRow($"SQLite · summaries ({shape})",
                $"peak resident {a.PeakMb} → {b.PeakMb} MB = **{ratio:0.00}×**; managed heap at most {a.HeapMb:0.0} → {b.HeapMb:0.0} MB",
                shape == "stream" ? $"≤ {Goal:0.00}×" : "contrast", shape == "stream" ? ratio <= Goal : null,
                $"{a.Line} | {b.Line}; load {load}"));
            context.Log.WriteLine($"streams: {rows[^1].Measured}; {rows[^1].Note}");
        }

        return rows;
    }

    private static async Task<(long PeakMb, double HeapMb, string Line)> MeasureAsync(CompareContext context, string connection, string shape, CancellationToken cancellationToken)
    {
        var path = connection["Data Source=".Length..];
        var self = Environment.ProcessPath!;
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self, [typeof(StreamsSection).Assembly.Location, "counties-export", "summaries", path, shape])
            : new ProcessStartInfo(self, ["counties-export", "summaries", path, shape]);
        start.RedirectStandardOutput = true;
        start.WorkingDirectory = context.Root;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var line = output.Trim().Split('\n')[^1];
        if (process.ExitCode != 0) throw new InvalidOperationException($"summaries {shape}: exit {process.ExitCode}: {output}");
        long Mb(string key) => long.Parse(line[(line.IndexOf(key, StringComparison.Ordinal) + key.Length)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        double Heap() => double.Parse(line[(line.IndexOf("managed heap at most ", StringComparison.Ordinal) + 21)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return (Mb("peak resident "), Heap(), line);
    }
}
