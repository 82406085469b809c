namespace EduDuty.Core.Text;

/// <summary>What a text typed by a person may contain. The one place for the rule, used by every validator and handler.</summary>
public static class PlainText
{
    /// <summary>Invisible control characters other than line breaks and tabs (which a paragraph may hold).</summary>
    public static bool HasControlCharacters(string? text) =>
        text is not null && text.Any(c => (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || IsInvisibleFormat(c));

    /// <summary>
    /// Whether a name or a one-line text (a user's or a region's name, an issuer, a reason) is clean: no control character
    /// at all, no line break of any kind.
    /// </summary>
    public static bool IsSingleLine(string? text) =>
        text is null || !text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029' || IsInvisibleFormat(c));

    // Bidirectional overrides and similar marks reorder or hide what is shown: never part of an official's text.
    private static bool IsInvisibleFormat(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
