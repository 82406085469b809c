using System.Globalization;
using EduDuty.Core.Figures;

namespace EduDuty.Core.Rules;

/// <summary>
/// What lists and the oversight pages need of one evaluation's results, stored beside it whenever its figures change, so that
/// no list evaluates a county again: the fill counts, the failing indicators, the warnings, and the value of every judged
/// number (for distributions). <see cref="FailingCodes"/> and <see cref="JudgedValues"/> have a compact text form for storage.
/// </summary>
public sealed record ResultSummary(
    int RequiredFilled, int Required, int OptionalFilled, int Optional,
    IReadOnlyList<string> FailingCodes, int Warnings, IReadOnlyDictionary<string, decimal> JudgedValues)
{
    public int FailingCount => FailingCodes.Count;

    /// <summary>
    /// Whether any figure is entered: until one is, nothing is known and lists show "未填" / "—" rather than 0 failing
    /// (decision 0035).
    /// </summary>
    public bool HasFigures => RequiredFilled + OptionalFilled > 0;

    public static ResultSummary Of(EvaluationResult result)
    {
        var completeness = Completeness.Of(result);
        return new ResultSummary(
            completeness.RequiredFilled, completeness.Required, completeness.OptionalFilled, completeness.Optional,
            result.Failing.Select(r => r.Field.Code).ToList(),
            result.OpenWarnings.Count, // data warnings: consistency checks and plausibility rules (issue 26)
            result.Results.Where(r => r.Field.IsJudged && r.DisplayNumber is not null)
                .ToDictionary(r => r.Field.Code, r => r.DisplayNumber!.Value, StringComparer.Ordinal));
    }

    /// <summary>"A07.07,A11.02": the failing codes in catalog order.</summary>
    public static string FormatCodes(IEnumerable<string> codes) => string.Join(',', codes);

    public static IReadOnlyList<string> ParseCodes(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>"A10.03=99.82;A10.06=55.77": judged numbers as the report prints them.</summary>
    public static string FormatValues(IReadOnlyDictionary<string, decimal> values) =>
        string.Join(';', values.Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}"));

    public static IReadOnlyDictionary<string, decimal> ParseValues(string? text) =>
        (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .Where(parts => parts.Length == 2 && decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            .ToDictionary(parts => parts[0], parts => decimal.Parse(parts[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    /// <summary>The summary of an evaluation with no figures yet, under a scheme.</summary>
    public static ResultSummary Empty(Schemes.Scheme scheme) => Of(RuleEngine.For(scheme).Evaluate(new Dictionary<string, FieldValue>()));
}
