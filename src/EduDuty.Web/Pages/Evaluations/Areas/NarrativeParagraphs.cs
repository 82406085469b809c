using EduDuty.Core.Texts;

namespace EduDuty.Web.Pages.Evaluations.Areas;

/// <summary>Splits a rendered text into paragraphs (one per line), keeping each run's kind for marking.</summary>
public static class NarrativeParagraphs
{
    public static IEnumerable<IReadOnlyList<TextRun>> Split(RenderedText text)
    {
        var paragraph = new List<TextRun>();
        foreach (var run in text.Runs)
        {
            if (run.Kind != TextRunKind.Literal || !run.Text.Contains('\n', StringComparison.Ordinal))
            {
                paragraph.Add(run);
                continue;
            }

            var parts = run.Text.Split('\n');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    if (paragraph.Count > 0) yield return paragraph;
                    paragraph = [];
                }

                if (parts[i].Length > 0) paragraph.Add(run with { Text = parts[i] });
            }
        }

        if (paragraph.Count > 0) yield return paragraph;
    }
}
