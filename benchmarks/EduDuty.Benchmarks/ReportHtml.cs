using System.Net;
using System.Text;
using EduDuty.Core.Reports;

namespace EduDuty.Benchmarks;

/// <summary>
/// The report as one HTML page for Chromium to print: the same content and the same GB/T 9704 page (A4, 37/26/35/28 mm
/// margins, 16 pt body, 22 pt title, "— N —" page numbers) with the same TrueType fonts, so both engines do the same work.
/// </summary>
internal static class ReportHtml
{
    public static string Of(ReportDocument report)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
            @page { size: A4; margin: 37mm 26mm 35mm 28mm;
              @bottom-right { content: "— " counter(page) " —"; font: 14pt "AR PL UMing CN"; vertical-align: top; padding-top: 7mm; } }
            body { font: 16pt/28.99pt "AR PL UMing CN"; margin: 0; }
            h1 { font: 22pt/36pt "AR PL UMing CN"; text-align: center; margin: 0 0 28.99pt; }
            h2 { font: 16pt/28.99pt "WenQuanYi Zen Hei"; text-indent: 2em; margin: 0; }
            h3 { font: 16pt/28.99pt "AR PL UKai CN"; text-indent: 2em; margin: 0; }
            p { text-indent: 2em; text-align: justify; line-break: strict; margin: 0; }
            .sig { text-align: right; margin-right: 2em; text-indent: 0; }
            table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.45; }
            th, td { border: .5pt solid #000; padding: 4pt; } th { background: #ebebeb; font-family: "WenQuanYi Zen Hei"; }
            thead { display: table-header-group; } tr { break-inside: avoid; }
            .appendix { break-before: page; }
            </style></head><body>
            """);
        html.Append("<h1>").Append(E(report.Title)).Append("</h1>");
        if (report.Addressee is { } a) html.Append("<p>").Append(E(a)).Append("：</p>");
        html.Append("<p>").Append(E(report.Intro.ToString())).Append("</p>");
        foreach (var block in report.Body)
        {
            html.Append(block switch
            {
                ReportHeading { Level: 1 } h => $"<h2>{E(h.Content)}</h2>",
                ReportHeading h => $"<h3>{E(h.Content)}</h3>",
                _ => $"<p>{E(block.Text)}</p>",
            });
        }

        html.Append("<p class=sig>").Append(E(report.Signature)).Append("</p><p class=sig>").Append(E(report.Date)).Append("</p>");
        html.Append("<div class=appendix><h2 style=\"text-align:center;text-indent:0\">").Append(E(ReportDocument.AppendixTitle)).Append("</h2>");
        foreach (var table in report.Appendix)
        {
            html.Append("<h3>").Append(E(table.Title)).Append("</h3><table><thead><tr>");
            foreach (var h in table.Headers) html.Append("<th>").Append(E(h)).Append("</th>");
            html.Append("</tr></thead><tbody>");
            foreach (var row in table.Rows)
            {
                html.Append("<tr>");
                foreach (var c in table.CellsOf(row)) html.Append("<td>").Append(E(c)).Append("</td>");
                html.Append("</tr>");
            }

            html.Append("</tbody></table>");
        }

        return html.Append("</div></body></html>").ToString();
    }
}
