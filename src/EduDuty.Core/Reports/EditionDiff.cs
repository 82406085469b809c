using System.Globalization;
using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;

namespace EduDuty.Core.Reports;

/// <summary>
/// What one frozen edition holds that can differ from another: the entered figures (code → value written invariantly, as
/// <see cref="FieldValue.ToInvariantString"/> writes it; null: cleared), the texts (an area's key for its 工作情况, 报告.xxx
/// for a report setting, written as a reader reads it) and the evidence list.
/// </summary>
public sealed record EditionContent(
    IReadOnlyDictionary<string, string?> Figures,
    IReadOnlyDictionary<string, string> Texts,
    IReadOnlyList<EditionFileEntry> Evidence)
{
    public static readonly EditionContent Empty = new(new Dictionary<string, string?>(), new Dictionary<string, string>(), []);
}

/// <summary>One evidence file of an edition: where it is attached (a field, an area or 整体), its title, file name, size, SHA-256.</summary>
public sealed record EditionFileEntry(string Target, string Title, string FileName, long Length, string Sha256);

public enum ChangeKind
{
    /// <summary>Empty (or absent) in the earlier edition, there in the later.</summary>
    Added,

    /// <summary>There in the earlier edition, empty (or absent) in the later.</summary>
    Removed,

    Changed,
}

/// <summary>An entered figure that differs: its field (null when the scheme does not know the code), values as the form shows them.</summary>
public sealed record FigureChange(string Code, SchemeField? Field, ChangeKind Kind, string? Before, string? After)
{
    public string Name => Field?.NameZh ?? Code;
}

/// <summary>A text that differs: an area's 工作情况 or a report setting, with its character-level difference.</summary>
public sealed record TextChange(string Key, string Name, string? AreaKey, ChangeKind Kind, TextDiff Diff);

public enum EvidenceChangeKind
{
    Added,
    Removed,

    /// <summary>The same title at the same place, other content.</summary>
    Replaced,

    /// <summary>The same content (SHA-256) under another title or at another place.</summary>
    Renamed,
}

/// <summary>An evidence file that differs: what it was (null when added) and what it is (null when removed).</summary>
public sealed record EvidenceChange(EvidenceChangeKind Kind, EditionFileEntry? Before, EditionFileEntry? After)
{
    public EditionFileEntry Current => After ?? Before!;
}

/// <summary>
/// The net difference between two editions of a county's evaluation (issue 25): figures added, removed or changed, texts
/// changed (with a bounded character diff), evidence added, removed, replaced or renamed. Pure: the names and the way values
/// are shown come from the scheme and <see cref="DisplayFormat"/>.
/// </summary>
public sealed record EditionDiff(IReadOnlyList<FigureChange> Figures, IReadOnlyList<TextChange> Texts, IReadOnlyList<EvidenceChange> Evidence)
{
    /// <summary>The prefix of report-setting text keys (报告.发文单位 …).</summary>
    public const string ReportKeyPrefix = "报告.";

    /// <summary>The evidence target of files attached to the evaluation as a whole.</summary>
    public const string WholeEvaluationTarget = "整体";

    public bool IsEmpty => Count == 0;

    public int Count => Figures.Count + Texts.Count + Evidence.Count;

    /// <param name="scheme">The scheme the evaluation is judged by: the fields' names, units, precision and order.</param>
    public static EditionDiff Of(EditionContent before, EditionContent after, Scheme scheme, int maxTextEdits = TextDiff.MaxEdits) =>
        new(FiguresOf(before, after, scheme), TextsOf(before, after, scheme, maxTextEdits), EvidenceOf(before.Evidence, after.Evidence));

    /// <summary>A figure as the form shows it: grouped digits at the field's precision with its unit, 是/否, or the text; null when empty.</summary>
    public static string? Show(SchemeField? field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (field is null) return value;
        if (field.Kind.IsNumeric() && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            return DisplayFormat.WithUnit(DisplayFormat.Grouped(number, field.Precision), field.Unit);
        if (field.Kind.IsBoolean()) return value switch { "true" => "是", "false" => "否", _ => value };
        return value;
    }

    /// <summary>What a text key names: "（十）学前教育 · 工作情况", "自评报告 · 发文单位".</summary>
    public static string NameOfText(string key, Scheme scheme) =>
        key.StartsWith(ReportKeyPrefix, StringComparison.Ordinal) ? "自评报告 · " + key[ReportKeyPrefix.Length..]
        : (scheme.FindArea(key)?.Heading ?? key) + " · 工作情况";

    /// <summary>Where an evidence file is attached, in words: 评价整体, an area's heading or an indicator's name.</summary>
    public static string NameOfTarget(string target, Scheme scheme) =>
        target == WholeEvaluationTarget ? "评价整体" : scheme.FindArea(target)?.Heading ?? scheme.DescribeTarget(target);

    private static List<FigureChange> FiguresOf(EditionContent before, EditionContent after, Scheme scheme)
    {
        var order = scheme.Fields.Select((f, i) => (f.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        var changes = new List<FigureChange>();
        foreach (var code in before.Figures.Keys.Union(after.Figures.Keys, StringComparer.Ordinal)
                     .OrderBy(c => order.GetValueOrDefault(c, int.MaxValue)).ThenBy(c => c, StringComparer.Ordinal))
        {
            var old = Blank(before.Figures.GetValueOrDefault(code));
            var now = Blank(after.Figures.GetValueOrDefault(code));
            if (old is null && now is null) continue;
            var field = scheme.FindField(code);
            if (old is not null && now is not null && Same(field, old, now)) continue;
            var (shownBefore, shownAfter) = (Show(field, old), Show(field, now));
            if (shownBefore == shownAfter && field is not null && field.Kind.IsNumeric())
            {
                // Two values the field's precision rounds alike: shown as the input box shows them, every decimal entered.
                (shownBefore, shownAfter) = (Exact(field, old!), Exact(field, now!));
            }

            var kind = old is null ? ChangeKind.Added : now is null ? ChangeKind.Removed : ChangeKind.Changed;
            changes.Add(new FigureChange(code, field, kind, shownBefore, shownAfter));
        }

        return changes;
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool Same(SchemeField? field, string a, string b) =>
        a == b || (field?.Kind.IsNumeric() == true
                   && decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x)
                   && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y) && x == y);

    private static string Exact(SchemeField field, string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            ? DisplayFormat.WithUnit(DisplayFormat.Compact(number, FigureText.MaxDecimals), field.Unit)
            : value;

    private static List<TextChange> TextsOf(EditionContent before, EditionContent after, Scheme scheme, int maxEdits)
    {
        var areas = scheme.Areas.Select((a, i) => (a.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        var keys = after.Texts.Keys.Concat(before.Texts.Keys).Distinct(StringComparer.Ordinal).Select((k, i) => (Key: k, Seen: i))
            .OrderBy(k => areas.TryGetValue(k.Key, out var area) ? area : int.MaxValue).ThenBy(k => k.Seen).Select(k => k.Key);
        var changes = new List<TextChange>();
        foreach (var key in keys)
        {
            var old = before.Texts.GetValueOrDefault(key) ?? string.Empty;
            var now = after.Texts.GetValueOrDefault(key) ?? string.Empty;
            if (old == now) continue;
            var kind = old.Length == 0 ? ChangeKind.Added : now.Length == 0 ? ChangeKind.Removed : ChangeKind.Changed;
            changes.Add(new TextChange(key, NameOfText(key, scheme), areas.ContainsKey(key) ? key : null, kind, TextDiff.Of(old, now, maxEdits)));
        }

        return changes;
    }

    // Files are matched as a multiset, most certain first: the same file at the same place under the same title is unchanged;
    // the same content elsewhere or under another title is a rename; the same title at the same place with other content is
    // a replacement; what is left was removed or added.
    private static List<EvidenceChange> EvidenceOf(IReadOnlyList<EditionFileEntry> before, IReadOnlyList<EditionFileEntry> after)
    {
        var old = before.ToList();
        var now = after.ToList();
        var changes = new List<EvidenceChange>();

        void Pair(Func<EditionFileEntry, EditionFileEntry, bool> match, EvidenceChangeKind? kind)
        {
            for (var i = 0; i < old.Count; i++)
            {
                var j = now.FindIndex(n => match(old[i], n));
                if (j < 0) continue;
                if (kind is { } k) changes.Add(new EvidenceChange(k, old[i], now[j]));
                old.RemoveAt(i--);
                now.RemoveAt(j);
            }
        }

        Pair((a, b) => Hash(a) == Hash(b) && a.Target == b.Target && a.Title == b.Title, null);
        Pair((a, b) => Hash(a).Length > 0 && Hash(a) == Hash(b), EvidenceChangeKind.Renamed);
        Pair((a, b) => a.Target == b.Target && a.Title == b.Title, EvidenceChangeKind.Replaced);
        changes.AddRange(old.Select(o => new EvidenceChange(EvidenceChangeKind.Removed, o, null)));
        changes.AddRange(now.Select(n => new EvidenceChange(EvidenceChangeKind.Added, null, n)));
        return changes.OrderBy(c => c.Current.Target, StringComparer.Ordinal).ThenBy(c => c.Current.Title, StringComparer.Ordinal).ThenBy(c => c.Kind).ToList();
    }

    private static string Hash(EditionFileEntry entry) => entry.Sha256.ToLowerInvariant();
}
