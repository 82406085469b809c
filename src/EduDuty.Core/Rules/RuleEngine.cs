using System.Runtime.CompilerServices;
using EduDuty.Core.Figures;
using EduDuty.Core.Formulas;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Rules;

/// <summary>
/// Turns a county's figures into every field's value and judgment under one scheme. Built once per scheme
/// (<see cref="For"/>): derived fields are put in dependency order then, so an evaluation is one pass over the fields.
/// Decimal arithmetic throughout; a missing input or a division by zero makes a value "not computable" with its reason,
/// never an exception.
/// </summary>
public sealed class RuleEngine
{
    private static readonly ConditionalWeakTable<Scheme, RuleEngine> Engines = new();

    private readonly Scheme _scheme;
    private readonly SchemeField[] _derivedInOrder;

    private RuleEngine(Scheme scheme)
    {
        _scheme = scheme;
        _derivedInOrder = DependencyOrder(scheme);
    }

    public static RuleEngine For(Scheme scheme) => Engines.GetValue(scheme, s => new RuleEngine(s));

    public EvaluationResult Evaluate(IReadOnlyDictionary<string, FieldValue> figures) => Evaluate(figures, EmptyCodes);

    /// <summary>
    /// Evaluates with some inputs typed but not valid (a live preview while the official types): those and every value
    /// computed from them are "not computable, input wrong" rather than the stale saved value.
    /// </summary>
    public EvaluationResult Evaluate(IReadOnlyDictionary<string, FieldValue> figures, IReadOnlySet<string> invalidInputs)
    {
        var results = new Dictionary<string, FieldResult>(_scheme.Fields.Count, StringComparer.Ordinal);
        foreach (var field in _scheme.Fields)
        {
            if (!field.Kind.IsInput()) continue;
            results[field.Code] = invalidInputs.Contains(field.Code)
                ? new FieldResult(field, null, JudgmentStatus.NotComputable, $"无法计算：{field.Code} {field.NameZh} 输入有误")
                : JudgeInput(field, figures.TryGetValue(field.Code, out var v) ? v : null);
        }

        var inputs = new Inputs(_scheme, results);
        foreach (var field in _derivedInOrder)
        {
            results[field.Code] = JudgeDerived(field, inputs);
        }

        return new EvaluationResult(_scheme, _scheme.Fields.Select(f => results[f.Code]).ToList());
    }

    private static readonly IReadOnlySet<string> EmptyCodes = new HashSet<string>();

    private static FieldResult JudgeInput(SchemeField field, FieldValue? value)
    {
        if (value is not { } v) return new FieldResult(field, null, JudgmentStatus.NotEntered, "未填写");
        var expected = field.Kind switch
        {
            FieldKind.Number => FieldValueType.Number,
            FieldKind.Bool => FieldValueType.Flag,
            _ => FieldValueType.Text,
        };
        if (v.Type != expected) return new FieldResult(field, null, JudgmentStatus.NotEntered, "填写的值类型不符，请重新填写");
        if (v.Type == FieldValueType.Text && string.IsNullOrWhiteSpace(v.Text)) return new FieldResult(field, null, JudgmentStatus.NotEntered, "未填写");
        return Judgments.Judge(field, v);
    }

    private static FieldResult JudgeDerived(SchemeField field, Inputs inputs)
    {
        var outcome = field.Formula!.Root.Evaluate(inputs);
        FieldValue? value = outcome switch
        {
            { Number: { } n } => FieldValue.Of(n),
            { Flag: { } f } => FieldValue.Of(f),
            _ => null,
        };
        if (value is not { } v) return new FieldResult(field, null, JudgmentStatus.NotComputable, outcome.Problem!);
        var result = Judgments.Judge(field, v);
        // A consistency check that fails names both sides' numbers (both computed already, or the check would not be).
        return result.Status == JudgmentStatus.Warning && field.Formula.Root is ComparisonRoot comparison
            ? result with { Reason = Judgments.CheckFailed(field, comparison.Left.Evaluate(inputs).Value, comparison.Right.Evaluate(inputs).Value) }
            : result;
    }

    private static SchemeField[] DependencyOrder(Scheme scheme)
    {
        var order = new List<SchemeField>();
        var visited = new HashSet<string>(StringComparer.Ordinal);

        void Visit(SchemeField field)
        {
            if (field.Formula is null || !visited.Add(field.Code)) return;
            foreach (var code in field.Formula.References) Visit(scheme.FindField(code)!);
            order.Add(field);
        }

        foreach (var field in scheme.Fields) Visit(field);
        return [.. order];
    }

    /// <summary>The results so far, as formulas read them: fields are evaluated in dependency order, so every reference is there.</summary>
    private sealed class Inputs(Scheme scheme, Dictionary<string, FieldResult> results) : IFormulaInputs
    {
        public NumberOutcome Number(string code)
        {
            var result = results[code];
            if (result.Value is { Type: FieldValueType.Number } v) return NumberOutcome.Of(v.Number);
            return NumberOutcome.NotComputable(result.Status == JudgmentStatus.NotComputable
                ? result.Reason
                : $"无法计算：{Describe(code)} 未填写");
        }

        public bool? Verdict(string code) => results[code].Status switch
        {
            JudgmentStatus.Pass => true,
            JudgmentStatus.Fail => false,
            _ => null,
        };

        public string Describe(string code) => $"{code} {scheme.FindField(code)!.NameZh}";
    }
}
