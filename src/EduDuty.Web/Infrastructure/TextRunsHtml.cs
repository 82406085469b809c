using System.Text.Encodings.Web;
using EduDuty.Core.Texts;
using Microsoft.AspNetCore.Html;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Renders a text's runs as HTML with the figures that came from data marked. Built as one string because whitespace
/// between inline elements would show as gaps in Chinese text; every piece of text is HTML-encoded.
/// </summary>
public static class TextRunsHtml
{
    public static IHtmlContent Render(IEnumerable<TextRun> runs)
    {
        var html = new System.Text.StringBuilder();
        var encoder = HtmlEncoder.Default;
        foreach (var run in runs)
        {
            if (run.Kind == TextRunKind.Literal)
            {
                html.Append(encoder.Encode(run.Text));
                continue;
            }

            var css = run.Kind == TextRunKind.Gap ? "figure gap" : "figure";
            html.Append("<mark class=\"").Append(css).Append("\" title=\"").Append(encoder.Encode(run.Code ?? string.Empty)).Append("\">")
                .Append(encoder.Encode(run.Text)).Append("</mark>");
        }

        return new HtmlString(html.ToString());
    }
}
