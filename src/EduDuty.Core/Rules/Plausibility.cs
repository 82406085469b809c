using EduDuty.Core.Figures;
using EduDuty.Core.Messaging;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Rules;

/// <summary>
/// A plausibility rule that does not hold on an evaluation's figures: where it is shown (<see cref="Field"/>), every field it
/// read (<see cref="Codes"/>), and the catalogue's sentence naming them with their values.
/// </summary>
public sealed record PlausibilityFinding(PlausibilityRule Rule, Message Message)
{
    public bool IsHard => Rule.Severity == PlausibilitySeverity.Hard;

    /// <summary>The field the finding is shown beside: the share, the total, the growth rate, this year's value.</summary>
    public string Field => Rule.Field;

    /// <summary>The fields the finding is about: the rule's own and, for a computed one, the inputs of its formula.</summary>
    public required IReadOnlyList<string> Codes { get; init; }

    public string Text => Message.Text;

    /// <summary>Whether the finding is about one of <paramref name="codes"/> (a save or an import that changes them).</summary>
    public bool Involves(IEnumerable<string> codes) => codes.Any(c => Codes.Contains(c, StringComparer.Ordinal));
}

/// <summary>
/// The scheme's plausibility rules checked on an evaluation's results (<see cref="EvaluationResult.Findings"/>): hard findings
/// refuse a save or an import that changes one of their fields (<c>FigureWriter</c>, inside the evaluation's claim), soft
/// ones are warnings a lead confirms when submitting. A rule whose values are missing or not computable finds nothing.
/// Values are compared at full precision.
/// </summary>
public static class Plausibility
{
    public static IReadOnlyList<PlausibilityFinding> Check(EvaluationResult result)
    {
        var findings = new List<PlausibilityFinding>();
        foreach (var rule in result.Scheme.Plausibility)
        {
            if (Find(rule, result) is { } message)
                findings.Add(new PlausibilityFinding(rule, message) { Codes = Involved(rule, result.Scheme) });
        }

        return findings;
    }

    private static Message? Find(PlausibilityRule rule, EvaluationResult result)
    {
        var field = result[rule.Field];
        if (Number(field) is not { } value) return OverZero(rule, field, result);
        switch (rule.Kind)
        {
            case PlausibilityKind.Share when value > 100:
                return Messages.PlausibleShare(Name(field), Shown(field), Inputs(field, result), rule.Severity);
            case PlausibilityKind.NonNegative when value < 0:
                return Messages.PlausibleNonNegative(Name(field), Shown(field), Inputs(field, result), rule.Severity);
            case PlausibilityKind.Part:
                var parts = rule.Parts.Select(c => result[c]).ToList();
                if (parts.Any(p => Number(p) is null)) return null;
                // Parts too large to add up (computed fields near decimal's limit) are more than any total.
                var sum = Checked(() => parts.Sum(p => Number(p)!.Value));
                if (sum <= value) return null;
                var partsText = string.Join(" + ", parts.Select(p => $"{p.Field.NameZh} {Shown(p)}"));
                var sumText = parts.Count > 1 && sum is { } total ? $"，合计 {DisplayFormat.WithUnit(DisplayFormat.Compact(total, 6), parts[0].Field.Unit)}" : string.Empty;
                return Messages.PlausiblePart(partsText + sumText, $"{field.Field.NameZh} {Shown(field)}", rule.Severity);
            case PlausibilityKind.Growth when Math.Abs(value) > rule.Range:
                return Messages.PlausibleGrowth(Name(field), Shown(field), Inputs(field, result), Range(rule.Range), rule.Severity);
            case PlausibilityKind.Change:
                var previous = result[rule.Previous!];
                if (Number(previous) is not { } before || before == 0) return null;
                // A change too large for a decimal (a computed last-year figure of 1e-16) is beyond any range: said as such.
                var percent = Checked(() => (value - before) / Math.Abs(before) * 100);
                if (percent is { } p && Math.Abs(p) <= rule.Range) return null;
                var signed = percent is { } q ? (q > 0 ? "+" : "") + DisplayFormat.Compact(q, 2) + "%" : (value > before ? "+" : "-") + "1000000000000%以上";
                return Messages.PlausibleChange($"{field.Field.NameZh}（{field.Field.Code}）{Shown(field)}",
                    $"{previous.Field.NameZh} {Shown(previous)}", signed, Range(rule.Range), rule.Severity);
            default:
                return null;
        }
    }

    // A share or growth rate not computable because its divisor is 0 while what is divided is not (6 + 6 schools covered of 0,
    // 57,628 万元 after 0 last year): infinitely more than 100 % or any range, so the rule does not hold. 0 of 0 is no finding.
    private static Message? OverZero(PlausibilityRule rule, FieldResult field, EvaluationResult result)
    {
        if (rule.Kind is not (PlausibilityKind.Share or PlausibilityKind.Growth)) return null;
        if (field.Field.Formula?.Root is not Formulas.NumericRoot { Expression: var expression }) return null;
        while (expression is Formulas.BinaryNode { Op: Formulas.ArithmeticOp.Multiply, Right: Formulas.NumberNode { Value: > 0 } } scaled) expression = scaled.Left;
        if (expression is not Formulas.BinaryNode { Op: Formulas.ArithmeticOp.Divide } ratio) return null;
        var inputs = new Read(result);
        var (dividend, divisor) = (ratio.Left.Evaluate(inputs), ratio.Right.Evaluate(inputs));
        if (dividend.Problem is not null || divisor.Problem is not null || divisor.Value != 0 || dividend.Value == 0) return null;
        var rate = dividend.Value > 0 ? "无穷大（分母为 0）" : "负无穷大（分母为 0）";
        return rule.Kind == PlausibilityKind.Share
            ? Messages.PlausibleShare(Name(field), rate, Inputs(field, result), rule.Severity)
            : Messages.PlausibleGrowth(Name(field), rate, Inputs(field, result), Range(rule.Range), rule.Severity);
    }

    // The evaluation's results as a formula reads them (only numbers: a ratio's two sides).
    private sealed class Read(EvaluationResult result) : Formulas.IFormulaInputs
    {
        public Formulas.NumberOutcome Number(string code) => Plausibility.Number(result[code]) is { } n
            ? Formulas.NumberOutcome.Of(n)
            : Formulas.NumberOutcome.NotComputable(code);

        public bool? Verdict(string code) => null;

        public string Describe(string code) => code;
    }

    // Null when the figures are too large for a decimal: the caller treats that as beyond any limit.
    private static decimal? Checked(Func<decimal> compute)
    {
        try
        {
            return compute();
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static decimal? Number(FieldResult result) => result.Value is { Type: FieldValueType.Number } v ? v.Number : null;

    private static string Name(FieldResult result) => $"{result.Field.NameZh}（{result.Field.Code}）";

    private static string Shown(FieldResult result) => DisplayFormat.Shown(result.Value!.Value.Number, result.Field);

    private static string Range(decimal range) => "±" + DisplayFormat.Compact(range, 2) + "%";

    // The inputs of a computed field with their values ("单建党组织覆盖学校数 6所、联建党组织覆盖学校数 6所、应覆盖学校数 6所"), so
    // that the official sees which figures to correct; empty for an entered field.
    private static string Inputs(FieldResult field, EvaluationResult result) => field.Field.Formula is not { } formula
        ? string.Empty
        : string.Join("、", formula.References.Select(c => result[c]).Select(r => r.Value is { Type: FieldValueType.Number } ? $"{r.Field.NameZh} {Shown(r)}" : $"{r.Field.NameZh} 未填"));

    // The rule's fields and, for computed ones, the entered fields they are computed from (through every level).
    private static List<string> Involved(PlausibilityRule rule, Scheme scheme)
    {
        var codes = new List<string>();
        void Add(string code)
        {
            if (codes.Contains(code, StringComparer.Ordinal)) return;
            codes.Add(code);
            if (scheme.FindField(code)?.Formula is { } formula)
                foreach (var reference in formula.References) Add(reference);
        }

        foreach (var code in rule.Codes) Add(code);
        return codes;
    }
}
