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
