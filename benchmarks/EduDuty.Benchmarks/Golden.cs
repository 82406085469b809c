using EduDuty.Core.Figures;
using EduDuty.Core.Reports;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Benchmarks;

/// <summary>The 闻喜 2021 case from the repository's fixtures.</summary>
internal static class Golden
{
    public static Scheme Scheme => BuiltInSchemes.Get("SX-2021");

    public static IReadOnlyDictionary<string, FieldValue> Figures =>
        FiguresFileReader.Read(File.ReadAllText(Fixture("golden-wenxi-2021.json")), Scheme).File!.Values;

    public static ReportDocument Report()
    {
        var texts = ReportTextsReader.Read(File.ReadAllText(Fixture("golden-wenxi-2021-texts.json")), Scheme).Texts!;
        return ReportBuilder.Build(RuleEngine.For(Scheme).Evaluate(Figures), texts, "闻喜县", new DateOnly(2021, 11, 10));
    }

    private static string Fixture(string name) => Path.Combine(RepositoryRoot(), "tests", "fixtures", "sx-2021", name);

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EduDuty.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
