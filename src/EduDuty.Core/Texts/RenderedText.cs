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

    /// <summary>
    /// Words chosen by a judgment or a sign whose value is not known yet ("{A02.03?坚持:未能坚持}" with A02.03 not filled
    /// in). Neither branch may be printed as fact: a report leaves the clause out, a preview shows <see cref="TextTemplate.Unknown"/>.
    /// </summary>
    Unknown,

    /// <summary>
    /// A count of 0 the author marked with <c>.nonzero</c> ("职中{B00.06.2.nonzero}所"): a preview shows 0, a report leaves out
    /// the enumeration item holding it.
    /// </summary>
    Zero,

    /// <summary>
    /// The target of an indicator not entered yet ("按照不低于{A05.09.target}元/月的标准…" with A05.09 blank): a preview shows
    /// the target, a report leaves out the clause, whose claim rests on the blank (decision 0035).
    /// </summary>
    UnknownTarget,
}

public sealed record TextRun(string Text, TextRunKind Kind, string? Code);

/// <summary>A text with its figures filled in, run by run, so that a preview can mark what came from data.</summary>
public sealed record RenderedText(IReadOnlyList<TextRun> Runs)
{
    /// <summary>Codes of the figures this text needs that are not entered yet (gaps and unknown judgments).</summary>
    public IEnumerable<string> GapCodes => Runs.Where(r => r.Kind is TextRunKind.Gap or TextRunKind.Unknown).Select(r => r.Code!).Distinct(StringComparer.Ordinal);

    public override string ToString() => string.Concat(Runs.Select(r => r.Text));
}
