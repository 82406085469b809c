using EduDuty.Core.Schemes;

namespace EduDuty.Core.Rules;

/// <summary>How far one area is filled in: required inputs (see <see cref="RequiredFields"/>) and optional ones apart.</summary>
public sealed record AreaCompleteness(SchemeArea Area, int Required, int RequiredFilled, int Optional, int OptionalFilled, IReadOnlyList<SchemeField> Missing)
{
    public int Inputs => Required + Optional;

    public int Filled => RequiredFilled + OptionalFilled;
}

/// <summary>
/// How far an evaluation is filled in: what every page's counts, the missing-figure lists and the submit rule come from.
/// Only inputs are counted (computed values follow from them); an input is "required" when a judged indicator depends on it.
/// </summary>
public sealed class Completeness
{
    private Completeness(IReadOnlyList<AreaCompleteness> areas) => Areas = areas;

    public IReadOnlyList<AreaCompleteness> Areas { get; }

    public int Required => Areas.Sum(a => a.Required);

    public int RequiredFilled => Areas.Sum(a => a.RequiredFilled);

    public int Optional => Areas.Sum(a => a.Optional);

    public int OptionalFilled => Areas.Sum(a => a.OptionalFilled);

    /// <summary>Required inputs not entered yet, in catalog order.</summary>
    public IReadOnlyList<SchemeField> Missing => Areas.SelectMany(a => a.Missing).ToList();

    public AreaCompleteness this[string areaKey] => Areas.Single(a => a.Area.Key == areaKey);

    /// <summary>The one line that explains the counts: "必填 152 项，已填 88 项；另有选填 36 项，已填 27 项".</summary>
    public string Describe() => Describe(Required, RequiredFilled, Optional, OptionalFilled);

    public static string Describe(AreaCompleteness area) => Describe(area.Required, area.RequiredFilled, area.Optional, area.OptionalFilled);

    private static string Describe(int required, int requiredFilled, int optional, int optionalFilled) =>
        (required > 0 ? $"必填 {required} 项，已填 {requiredFilled} 项" : "没有必填项") +
        (optional > 0 ? $"；另有选填 {optional} 项，已填 {optionalFilled} 项" : string.Empty);

    /// <summary>A missing required input as lists show it: "在园幼儿数（A10.02）".</summary>
    public static string Label(SchemeField field) => $"{field.NameZh}（{field.Code}）";

    public static Completeness Of(EvaluationResult result)
    {
        var required = RequiredFields.Of(result.Scheme).Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        return new Completeness(result.Scheme.Areas.Select(area =>
        {
            var inputs = area.Fields.Where(f => f.Kind.IsInput()).ToList();
            var mandatory = inputs.Where(f => required.Contains(f.Code)).ToList();
            var optional = inputs.Where(f => !required.Contains(f.Code)).ToList();
            return new AreaCompleteness(area,
                mandatory.Count, mandatory.Count(f => result[f.Code].HasValue),
                optional.Count, optional.Count(f => result[f.Code].HasValue),
                mandatory.Where(f => !result[f.Code].HasValue).ToList());
        }).ToList());
    }
}
