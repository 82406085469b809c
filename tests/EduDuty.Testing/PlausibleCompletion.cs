using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Testing;

/// <summary>
/// Figures made complete for a test that needs a submittable evaluation: every required input missing gets 1 (是 for 是/否),
/// then each made-up figure a plausibility rule finds wrong is set so that the rule holds (issue 26) — a total to the sum of
/// its parts (100 %), a previous year's figure to this year's (no growth, no change). Figures given are never changed.
/// </summary>
public static class PlausibleCompletion
{
    public static Dictionary<string, FieldValue> Complete(Scheme scheme, IReadOnlyDictionary<string, FieldValue> given)
    {
        var figures = given.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var madeUp = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in RequiredFields.Of(scheme).Where(f => !figures.ContainsKey(f.Code)))
        {
            figures[field.Code] = field.Kind == FieldKind.Bool ? FieldValue.Of(true) : FieldValue.Of(1m);
            madeUp.Add(field.Code);
        }

        decimal Number(string code) => figures.TryGetValue(code, out var v) && v.Type == FieldValueType.Number ? v.Number : 0m;
        void Set(string code, decimal value)
        {
            if (madeUp.Contains(code)) figures[code] = FieldValue.Of(value);
        }

        for (var pass = 0; pass < 4; pass++)
        {
            var findings = RuleEngine.For(scheme).Evaluate(figures).Findings;
            if (findings.Count == 0) break;
            foreach (var finding in findings)
            {
                var rule = finding.Rule;
                var references = scheme.FindField(rule.Field)!.Formula?.References ?? [];
                switch (rule.Kind)
                {
                    case PlausibilityKind.Part:
                        Set(rule.Field, rule.Parts.Sum(Number));
                        break;
                    case PlausibilityKind.Change:
                        Set(rule.Previous!, Number(rule.Field));
                        break;
                    case PlausibilityKind.Growth when references.Count == 2:
                        Set(references[1], Number(references[0])); // (this year − last year) / last year
                        break;
                    case PlausibilityKind.Share or PlausibilityKind.NonNegative when references.Count > 0:
                        Set(references[^1], references.Take(references.Count - 1).Sum(Number)); // the denominator
                        break;
                }
            }
        }

        return figures;
    }
}
