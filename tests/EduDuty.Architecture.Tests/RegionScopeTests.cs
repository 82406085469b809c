using System.Text.RegularExpressions;

namespace EduDuty.Architecture.Tests;

/// <summary>
/// The region scope rule has one home: <c>Application/RegionScope</c> in SQL and <c>Core/Regions/RegionPaths</c> in memory
/// (decision 0005). A prefix comparison of region paths written anywhere else fails this test, on the source: the rule is
/// a <c>StartsWith</c> on a value named …Path, which the compiled form no longer shows inside expression trees.
/// </summary>
public sealed partial class RegionScopeTests
{
    // The homes of the rule, and the one SQL twin the edit claim needs inside a correlated subquery (the deepest deadline on a
    // county's path), kept equal to Core's rule by the table-driven EditRuleAgreementTests on both databases.
    private static readonly string[] Allowed =
    [
        "src/EduDuty.Application/RegionScope.cs",
        "src/EduDuty.Core/Regions/RegionPaths.cs",
        "src/EduDuty.Application/Evaluations/Content/EvaluationClaim.cs",
    ];

    [Fact]
    public void No_region_path_is_compared_by_prefix_outside_the_scope_rule()
    {
        var root = Root();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 100, "source files not found: the rule would check nothing");

        var offences = files
            .Where(f => !Allowed.Contains(Path.GetRelativePath(root, f).Replace('\\', '/')))
            .SelectMany(f => Offences(File.ReadAllText(f)).Select(line => $"{Path.GetRelativePath(root, f)}: {line}"))
            .ToList();
        Assert.True(offences.Count == 0, "region paths compared outside RegionScope / RegionPaths:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_rule_finds_an_inline_prefix_on_a_region_path_and_leaves_url_paths_alone()
    {
        const string source = """
            var mine = db.Regions.Where(r => r.Path.StartsWith(actor.RegionPath));
            var ok = context.Request.Path.StartsWithSegments("/healthz");
            var up = countyPath.StartsWith(path, StringComparison.Ordinal);
            var name = file.Name.StartsWith("x");
            """;

        Assert.Equal(2, Offences(source).Count);
    }

    private static List<string> Offences(string source) =>
        source.Split('\n').Where(line => RegionPrefix().IsMatch(line)).Select(line => line.Trim()).ToList();

    // "….Path.StartsWith(" or "somePath.StartsWith(" — not StartsWithSegments, which compares URL paths.
    [GeneratedRegex(@"[Pp]ath\)?\s*\.StartsWith\(")]
    private static partial Regex RegionPrefix();

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EduDuty.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("EduDuty.sln not found above " + AppContext.BaseDirectory);
    }
}
