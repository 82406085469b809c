using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace EduDuty.Benchmarks.Compare;

/// <summary>One goal measured as a ratio or a figure from one run: what was measured, the goal, and whether it is met.</summary>
public sealed record CompareRow(string Goal, string Measured, string Target, bool? Met, string? Note = null);

/// <summary>What a section gets: the repository root, the options after <c>compare</c>, and where to write progress.</summary>
public sealed record CompareContext(string Root, IReadOnlyList<string> Options, TextWriter Log)
{
    /// <summary>The value after <c>--name</c> in the options, if given.</summary>
    public string? Option(string name)
    {
        var at = Options.ToList().IndexOf("--" + name);
        return at >= 0 && at + 1 < Options.Count ? Options[at + 1] : null;
    }

    /// <summary>The PostgreSQL connection string for sections that measure both databases (<c>--postgres</c> or EDUDUTY_TEST_PG).</summary>
    public string? Postgres => Option("postgres") ?? Environment.GetEnvironmentVariable("EDUDUTY_TEST_PG");
}

/// <summary>
/// One goal area of issue 28 (PDF, saves, pages, scale, start-up). Found by reflection, so each area lives in its own file;
/// a section measures what it compares in the same run (both sides of a ratio interleaved), never against a stored figure.
/// </summary>
public interface ICompareSection
{
    /// <summary>A short name to pick it with <c>--only</c>: pdf, saves, pages, scale, startup.</summary>
    string Name { get; }

    string Title { get; }

    Task<IReadOnlyList<CompareRow>> RunAsync(CompareContext context, CancellationToken cancellationToken);
}

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/EduDuty.Benchmarks -- compare [--only pdf,saves] [--postgres &lt;cs&gt;]</c>:
/// runs every section and prints one Markdown table per section, the form docs/performance.md quotes.
/// </summary>
internal static class CompareMode
{
    public static async Task<int> RunAsync(string[] args)
    {
        var context = new CompareContext(Root(), args, Console.Error);
        var only = context.Option("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var sections = typeof(CompareMode).Assembly.GetTypes()
            .Where(t => typeof(ICompareSection).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (ICompareSection)Activator.CreateInstance(t)!)
            .Where(s => only is null || only.Contains(s.Name, StringComparer.OrdinalIgnoreCase))
            .OrderBy(s => Array.IndexOf(Order, s.Name) is var i && i < 0 ? int.MaxValue : i)
            .ToList();
        if (sections.Count == 0)
        {
            Console.Error.WriteLine("no section matches --only; sections: " + string.Join(", ", Order));
            return 2;
        }

        Console.WriteLine($"# benchmarks compare — {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, " +
                          $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, load {Load()}");
        var failed = false;
        foreach (var section in sections)
        {
            Console.WriteLine();
            Console.WriteLine($"## {section.Title}");
            Console.WriteLine();
            var watch = Stopwatch.StartNew();
            try
            {
                var rows = await section.RunAsync(context, CancellationToken.None);
                Console.WriteLine("| goal | measured | target | met |");
                Console.WriteLine("|---|---|---|---|");
                foreach (var row in rows)
                {
                    Console.WriteLine($"| {row.Goal} | {row.Measured} | {row.Target} | {(row.Met switch { true => "✔", false => "✘", null => "—" })} |");
                }

                foreach (var note in rows.Where(r => r.Note is not null)) Console.WriteLine($"- {note.Goal}: {note.Note}");
            }
            catch (Exception e)
            {
                failed = true;
                Console.WriteLine($"section failed: {e.GetType().Name}: {e.Message}");
                context.Log.WriteLine(e);
            }

            Console.WriteLine($"({section.Name}: {watch.Elapsed.TotalSeconds:0} s, load after {Load()})");
        }

        return failed ? 1 : 0;
    }

    private static readonly string[] Order = ["pdf", "saves", "pages", "scale", "startup", "survey"];

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    internal static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EduDuty.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("EduDuty.sln not found above " + AppContext.BaseDirectory);
    }
}
