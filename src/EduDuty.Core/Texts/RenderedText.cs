namespace EduDuty.Core.Texts;

public enum TextRunKind
{
    /// <summary>The author's own words.</summary>
    Literal,

    /// <summary>A figure (or target) that came from the data.</summary>
    Figure,

    /// <summary>Words chosen by a judgment or a sign.</summary>
    Choice,

    /// <summary>A figure that is not entered yet: rendered as <see cref="TextTemplate.Gap"/>.</summary>
    Gap,
}

public sealed record TextRun(string Text, TextRunKind Kind, string? Code);

/// <summary>A text with its figures filled in, run by run, so that a preview can mark what came from data.</summary>
public sealed record RenderedText(IReadOnlyList<TextRun> Runs)
{
    public IEnumerable<string> GapCodes => Runs.Where(r => r.Kind == TextRunKind.Gap).Select(r => r.Code!).Distinct(StringComparer.Ordinal);

    public override string ToString() => string.Concat(Runs.Select(r => r.Text));
}
