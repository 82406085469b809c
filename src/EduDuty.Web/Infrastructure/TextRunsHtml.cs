using System.Text.Encodings.Web;
using EduDuty.Core.Texts;
using Microsoft.AspNetCore.Html;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Renders a text's runs as HTML with the figures that came from data marked. Built as one string because whitespace
/// between inline elements would show as gaps in Chinese text; every piece of text is HTML-encoded. The class is not
/// Bootstrap's "figure" (an inline-block for &lt;figure&gt;), which boxed every number.
/// </summary>
public static class TextRunsHtml
{
    // Like the pages (WebEncoderOptions): Chinese stays readable in the source, markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static IHtmlContent Render(IEnumerable<TextRun> runs)
    {
        var html = new System.Text.StringBuilder();
        var encoder = Encoder;
        foreach (var run in runs)
        {
            if (run.Kind == TextRunKind.Literal)
            {
                html.Append(encoder.Encode(run.Text));
                continue;
            }

            var css = run.Kind == TextRunKind.Gap ? "figure-run gap" : "figure-run";
            html.Append("<mark class=\"").Append(css).Append("\" title=\"").Append(encoder.Encode(run.Code ?? string.Empty)).Append("\">")
                .Append(encoder.Encode(run.Text)).Append("</mark>");
        }

        return new HtmlString(html.ToString());
    }
}
