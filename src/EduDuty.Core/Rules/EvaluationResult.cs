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
}
