namespace EduDuty.Core.Schemes;

/// <summary>What a plausibility rule checks (the scheme's top-level <c>"plausibility"</c> section, docs/scheme-format.md).</summary>
public enum PlausibilityKind
{
    /// <summary>A share or coverage (a percentage of a whole) is at most 100 %.</summary>
    Share,

    /// <summary>The sum of some parts is at most their total.</summary>
    Part,

    /// <summary>A number (a computed count: total minus part) is not below 0.</summary>
    NonNegative,

    /// <summary>A growth rate (in %) stays within ± the range.</summary>
    Growth,

    /// <summary>This year's value stays within ± the range (in % of it) of last year's (the carried 上年同期 field).</summary>
    Change,
}

/// <summary>
/// Hard: the save or import is refused and nothing changes. Soft: a warning beside the field, in the previews, on the
/// overview and in the review; the lead confirms it when submitting.
/// </summary>
public enum PlausibilitySeverity
{
    Hard,
    Soft,
}

/// <summary>
/// One plausibility rule (what DHIS2 calls min/max and validation rules), checked by <see cref="Rules.Plausibility"/> on an
/// evaluation's results. <see cref="Field"/> is where its finding is shown: the share, the total, the growth rate, this
/// year's value; <see cref="Parts"/> are a part rule's parts, <see cref="Previous"/> a change rule's last-year field,
/// <see cref="Range"/> a growth or change rule's ± range in per cent.
/// </summary>
public sealed record PlausibilityRule(
    PlausibilityKind Kind, PlausibilitySeverity Severity, string Field, IReadOnlyList<string> Parts, string? Previous, decimal Range)
{
    /// <summary>The default ± range of growth and change rules (issue 26: ±50 %), unless the scheme or the rule sets one.</summary>
    public const decimal DefaultRange = 50m;

    /// <summary>At most this many rules in a scheme: a file stays readable, and every page's findings stay short.</summary>
    public const int MaxRules = 1000;

    /// <summary>At most this many parts in a part rule: its message names each one.</summary>
    public const int MaxParts = 50;

    public static PlausibilitySeverity DefaultSeverity(PlausibilityKind kind) =>
        kind is PlausibilityKind.Growth or PlausibilityKind.Change ? PlausibilitySeverity.Soft : PlausibilitySeverity.Hard;

    /// <summary>Every field the rule reads, the shown one first.</summary>
    public IEnumerable<string> Codes => new[] { Field }.Concat(Parts).Concat(Previous is null ? [] : [Previous]);

    /// <summary>The kind's word in the file: share, part, nonNegative, growth, change.</summary>
    public static string KindName(PlausibilityKind kind) => kind switch
    {
        PlausibilityKind.Share => "share",
        PlausibilityKind.Part => "part",
        PlausibilityKind.NonNegative => "nonNegative",
        PlausibilityKind.Growth => "growth",
        _ => "change",
    };
}
