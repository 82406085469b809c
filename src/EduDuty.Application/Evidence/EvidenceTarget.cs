using EduDuty.Core.Schemes;

namespace EduDuty.Application.Evidence;

/// <summary>What a piece of evidence backs: an indicator, an area, or the evaluation as a whole.</summary>
public sealed record EvidenceTarget(string? AreaKey, string? FieldCode)
{
    public static readonly EvidenceTarget Whole = new(null, null);

    /// <summary>
    /// The target a form names — an indicator's code, an area's key, or blank for the whole evaluation — checked against
    /// the scheme; null when it names nothing there.
    /// </summary>
    public static EvidenceTarget? Resolve(Scheme scheme, string? target)
    {
        var key = target?.Trim();
        if (string.IsNullOrEmpty(key)) return Whole;
        if (scheme.FindField(key) is { } field) return new EvidenceTarget(field.AreaKey, field.Code);
        return scheme.Areas.Any(a => a.Key == key) ? new EvidenceTarget(key, null) : null;
    }

    /// <summary>The indicators of an area a piece can back (every field but the scheme's consistency checks).</summary>
    public static IEnumerable<SchemeField> Indicators(SchemeArea area) => area.Fields.Where(f => !f.IsConsistencyCheck);

    /// <summary>The value a form uses for it (see <see cref="Resolve"/>).</summary>
    public string FormValue => FieldCode ?? AreaKey ?? "";

    /// <summary>How the audit names it: the indicator's code, the area's key, or 整体.</summary>
    public string AuditTarget => FieldCode ?? AreaKey ?? "整体";
}
