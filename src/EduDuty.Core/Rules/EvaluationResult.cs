using EduDuty.Core.Schemes;

namespace EduDuty.Core.Rules;

/// <summary>Every field's result under one scheme, in catalog order.</summary>
public sealed class EvaluationResult
{
    private readonly Dictionary<string, FieldResult> _byCode;

    internal EvaluationResult(Scheme scheme, IReadOnlyList<FieldResult> results)
    {
        Scheme = scheme;
        Results = results;
        _byCode = results.ToDictionary(r => r.Field.Code, StringComparer.Ordinal);
    }

    public Scheme Scheme { get; }

    public IReadOnlyList<FieldResult> Results { get; }

    public FieldResult this[string code] => _byCode[code];

    /// <summary>Failing indicators in catalog order; consistency warnings are never among them.</summary>
    public IEnumerable<FieldResult> Failing => Results.Where(r => r.Status == JudgmentStatus.Fail);

    public IEnumerable<FieldResult> Warnings => Results.Where(r => r.Status == JudgmentStatus.Warning);

    public IEnumerable<FieldResult> InArea(string areaKey) => Results.Where(r => r.Field.AreaKey == areaKey);

    /// <summary>The scheme's plausibility rules that do not hold on these figures (<see cref="Plausibility"/>), in the scheme's order.</summary>
    public IReadOnlyList<PlausibilityFinding> Findings => _findings ??= Plausibility.Check(this);

    private IReadOnlyList<PlausibilityFinding>? _findings;

    /// <summary>Hard findings: a save or an import that changes one of their fields is refused.</summary>
    public IEnumerable<PlausibilityFinding> Refusals => Findings.Where(f => f.IsHard);

    /// <summary>
    /// What a lead confirms before submitting and a reviewer sees: soft findings and consistency checks that do not hold
    /// (<see cref="Warnings"/>), each as (field, sentence). Hard findings are listed too: figures saved before a rule existed.
    /// </summary>
    public IReadOnlyList<(string Code, string Text)> OpenWarnings =>
        Findings.Select(f => (f.Field, f.Text)).Concat(Warnings.Select(w => (w.Field.Code, w.Reason))).ToList();
}
