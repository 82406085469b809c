using BenchmarkDotNet.Attributes;
using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Benchmarks;

/// <summary>The whole SX-2021 scheme (239 fields) evaluated against the 闻喜 2021 figures, as every page load does.</summary>
[MemoryDiagnoser]
public class RuleEngineBenchmarks
{
    private Scheme _scheme = null!;
    private RuleEngine _engine = null!;
    private IReadOnlyDictionary<string, FieldValue> _figures = null!;
    private string _schemeJson = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scheme = BuiltInSchemes.Get("SX-2021");
        _engine = RuleEngine.For(_scheme);
        _schemeJson = BuiltInSchemes.ReadJson("SX-2021");
        _figures = Golden.Figures;
    }

    [Benchmark(Description = "Evaluate whole scheme (warm)")]
    public EvaluationResult Evaluate() => _engine.Evaluate(_figures);

    [Benchmark(Description = "Load and validate scheme file")]
    public Scheme LoadScheme() => SchemeLoader.Load(_schemeJson);
}
