using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Years;

/// <summary>
/// One field of this year's scheme fed by a field of last year's (<c>"carryFrom"</c>): this year's "上年同期" from last year's
/// "本期". <see cref="Problem"/> says why it cannot apply under the given last-year scheme — the code is not there, or its kind
/// cannot feed this field — and then nothing is carried: a mapping is never guessed.
/// </summary>
public sealed record CarryMapping(SchemeField Target, string SourceCode, SchemeField? Source, string? Problem)
{
    public bool Applies => Problem is null;
}

/// <summary>What opening a county's new evaluation takes over from its last one.</summary>
public sealed record CarryPlan(IReadOnlyDictionary<string, FieldValue> Values, IReadOnlyList<CarryMapping> Problems);

/// <summary>
/// Last year's figures carried into this year's evaluation (issue 16). Schemes of different versions map by code: the
/// mapping names last year's field by its code, and last year's scheme must have that field with a kind that can feed this
/// one (a number from a number or a computed number, 是/否 from 是/否, text from text).
/// </summary>
public static class CarryForward
{
    /// <summary>Every mapping of <paramref name="current"/>, checked against the scheme last year's evaluation was made under.</summary>
    public static IReadOnlyList<CarryMapping> Mappings(Scheme current, Scheme previous) =>
        current.Fields.Where(f => f.CarryFrom is not null).Select(f => Check(f, previous)).ToList();

    /// <summary>
    /// The values to prefill: for each mapping that applies, last year's value of its source, when last year had one (an
    /// unfilled source carries nothing). <paramref name="previous"/> is last year's evaluation, evaluated under its own scheme,
    /// so that a computed source (a rate) carries its computed value.
    /// </summary>
    public static CarryPlan Plan(Scheme current, EvaluationResult previous)
    {
        var mappings = Mappings(current, previous.Scheme);
        var values = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        foreach (var mapping in mappings.Where(m => m.Applies))
            if (previous[mapping.SourceCode].Value is { } value)
                values[mapping.Target.Code] = Carried(value, mapping.Source!);
        return new CarryPlan(values, mappings.Where(m => !m.Applies).ToList());
    }

    private static CarryMapping Check(SchemeField target, Scheme previous)
    {
        var code = target.CarryFrom!;
        var source = previous.FindField(code);
        var scheme = $"上年方案《{previous.Name}》";
        if (source is null) return new CarryMapping(target, code, null, $"{target.Code} {target.NameZh}：{scheme}没有字段 {code}，未带入。");
        return Feeds(source.Kind, target.Kind)
            ? new CarryMapping(target, code, source, null)
            : new CarryMapping(target, code, source, $"{target.Code} {target.NameZh}：{scheme}的 {code} {source.NameZh} 是{KindName(source.Kind)}，不能带入{KindName(target.Kind)}字段，未带入。");
    }

    private static bool Feeds(FieldKind source, FieldKind target) => target switch
    {
        FieldKind.Number => source.IsNumeric(),
        FieldKind.Bool => source.IsBoolean(),
        FieldKind.Text => source == FieldKind.Text,
        _ => false,
    };

    // A computed source is carried as last year's report printed it (rounded at its precision), an entered one as entered.
    private static FieldValue Carried(FieldValue value, SchemeField source) =>
        source.Kind == FieldKind.Derived ? FieldValue.Of(DisplayFormat.Round(value.Number, source.Precision)) : value;

    private static string KindName(FieldKind kind) => kind switch
    {
        FieldKind.Number or FieldKind.Derived => "数值",
        FieldKind.Bool or FieldKind.DerivedBool => "是/否",
        _ => "文字",
    };
}
