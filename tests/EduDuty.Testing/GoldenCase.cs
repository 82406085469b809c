using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Testing;

/// <summary>闻喜县 2021: the golden figures under SX-2021, read and evaluated once per test run.</summary>
public static class GoldenCase
{
    private static readonly Lazy<EvaluationResult> Evaluated = new(() => RuleEngine.For(Scheme).Evaluate(Figures));

    public static Scheme Scheme => BuiltInSchemes.Get("SX-2021");

    public static string FiguresJson => File.ReadAllText(RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021.json"));

    public static IReadOnlyDictionary<string, FieldValue> Figures
    {
        get
        {
            var read = FiguresFileReader.Read(FiguresJson, Scheme);
            return read.File?.Values ?? throw new InvalidOperationException("golden figures refused: " + string.Join("; ", read.Errors));
        }
    }

    public static EvaluationResult Result => Evaluated.Value;
}

/// <summary>What the golden file says the rules must produce: every computed value (as printed) and status, and the failing codes.</summary>
public static class GoldenExpectations
{
    private static readonly Lazy<System.Text.Json.JsonDocument> Document =
        new(() => System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021.json"))));

    /// <summary>Code → (value as the golden file writes it: 99.82, true; status: pass, fail, none).</summary>
    public static IReadOnlyDictionary<string, (string Value, string Status)> Computed =>
        Document.Value.RootElement.GetProperty("expected").EnumerateObject().ToDictionary(
            p => p.Name, p => (p.Value.GetProperty("value").ToString(), p.Value.GetProperty("status").GetString()!), StringComparer.Ordinal);

    public static IReadOnlyList<string> Failing =>
        Document.Value.RootElement.GetProperty("expected_failing").EnumerateArray().Select(e => e.GetString()!).ToList();
}
