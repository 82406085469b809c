using EduDuty.Core.Schemes;

namespace EduDuty.Application.Evidence;

/// <summary>
/// What a piece of evidence backs: an indicator, an area, the evaluation as a whole, or — under a scheme that scores — a
/// bonus item the county applies for (no area, the item's code in <see cref="FieldCode"/>; the loader keeps bonus codes apart
/// from field codes and area keys).
/// </summary>
public sealed record EvidenceTarget(string? AreaKey, string? FieldCode)
{
    public static readonly EvidenceTarget Whole = new(null, null);

    /// <summary>
    /// The target a form names — an indicator's code, an area's key, a bonus item's code, or blank for the whole evaluation —
    /// checked against the scheme; null when it names nothing there.
    /// </summary>
    public static EvidenceTarget? Resolve(Scheme scheme, string? target)
    {
        var key = target?.Trim();
        if (string.IsNullOrEmpty(key)) return Whole;
        if (scheme.FindField(key) is { } field) return new EvidenceTarget(field.AreaKey, field.Code);
        if (scheme.Scoring?.FindBonus(key) is { } bonus) return Bonus(bonus.Code);
        return scheme.Areas.Any(a => a.Key == key) ? new EvidenceTarget(key, null) : null;
    }

    /// <summary>The target of a bonus item's proof.</summary>
    public static EvidenceTarget Bonus(string code) => new(null, code);

    /// <summary>How a list names the indicator or bonus item a piece backs ("民办学校数（A07.07）", "加分项 J01：…"); null for an area or the whole.</summary>
    public string? LabelIn(Scheme scheme) => FieldCode is not { } code ? null
        : scheme.FindField(code) is { } field ? $"{field.NameZh}（{code}）"
        : scheme.Scoring?.FindBonus(code) is { } bonus ? $"加分项 {code}：{bonus.Name}"
        : code;

    /// <summary>The indicators of an area a piece can back (every field but the scheme's consistency checks).</summary>
    public static IEnumerable<SchemeField> Indicators(SchemeArea area) => area.Fields.Where(f => !f.IsConsistencyCheck);

    /// <summary>The value a form uses for it (see <see cref="Resolve"/>).</summary>
    public string FormValue => FieldCode ?? AreaKey ?? "";

    /// <summary>How the audit names it: the indicator's code, the area's key, or 整体.</summary>
    public string AuditTarget => FieldCode ?? AreaKey ?? "整体";
}
