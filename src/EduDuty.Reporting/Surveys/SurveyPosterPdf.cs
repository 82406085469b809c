using EduDuty.Reporting.Fonts;
using EduDuty.Reporting.Layout;
using EduDuty.Reporting.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace EduDuty.Reporting.Surveys;

/// <summary>One door of a county on the poster: its name (社会人士, 教师, 学生, 问题线索) and its address (absolute or a path).</summary>
public sealed record PosterDoor(string Name, string Url);

/// <summary>What an A4 survey poster shows for one county (issue 31).</summary>
/// <param name="Title">The survey's title.</param>
/// <param name="County">The county's name, shown under the title.</param>
/// <param name="Period">The period, as the public reads it (2021年11月1日至2021年11月30日).</param>
/// <param name="Groups">The questionnaires' doors, in the survey's order.</param>
/// <param name="Problems">The problem-report door, or null.</param>
/// <param name="Notice">The survey's notice: what is collected, that answers are anonymous.</param>
public sealed record SurveyPoster(string Title, string County, string Period, IReadOnlyList<PosterDoor> Groups, PosterDoor? Problems, string Notice);

/// <summary>
/// The A4 poster of a county's survey (issue 31), one page: the title and the county, the period, one QR code per group with
/// its name and short link, the problem-report QR code, and the anonymity notice. Fonts and measures from the report's layout
/// layer (<see cref="Typography"/>, <see cref="LineBreaker"/>); QR codes drawn as vectors from QRCoder's module matrix.
/// </summary>
public static class SurveyPosterPdf
{
    public static byte[] Render(SurveyPoster poster, Typography type, DateTimeOffset generatedAt)
    {
        var document = new PdfDocument();
        document.Info.Title = $"{poster.Title}（{poster.County}）";
        document.Info.Creator = "EduDuty";
        document.ViewerPreferences.DisplayDocTitle = true;
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(Typography.PageWidth);
        page.Height = XUnit.FromPoint(Typography.PageHeight);
        using (var g = XGraphics.FromPdfPage(page))
        {
            var left = Typography.Mm(20);
            var width = Typography.PageWidth - (2 * left);
            var y = Typography.Mm(22);
            y = Centered(g, poster.Title, type.Font(FontRole.Title, Typography.TitleSize), left, width, y, 1.35);
            y = Centered(g, poster.County, type.Font(FontRole.Heading, 18), left, width, y + 4, 1.3);
            y = Centered(g, $"调查时间：{poster.Period}", type.Font(FontRole.Body, Typography.BodySize), left, width, y + 6, 1.3);
            y = Centered(g, "请用手机扫描与您身份对应的二维码作答，无需登录，匿名填写。", type.Font(FontRole.Body, 12), left, width, y + 4, 1.3);
            y += Typography.Mm(5);

            // The groups' codes in one row (up to three), each with its name above and its link below.
            var label = type.Font(FontRole.Heading, Typography.BodySize);
            var small = type.Font(FontRole.Body, 9);
            var columns = Math.Max(1, poster.Groups.Count);
            var cell = width / columns;
            var qr = Math.Min(cell - Typography.Mm(8), Typography.Mm(52));
            var rowTop = y;
            var bottom = y;
            for (var i = 0; i < poster.Groups.Count; i++)
            {
                var door = poster.Groups[i];
                var x = left + (i * cell);
                var at = Centered(g, $"{door.Name}问卷", label, x, cell, rowTop, 1.3);
                DrawQr(g, door.Url, x + ((cell - qr) / 2), at + 2, qr);
                at += qr + 6;
                at = Wrapped(g, door.Url, small, x + Typography.Mm(2), cell - Typography.Mm(4), at, centered: true);
                bottom = Math.Max(bottom, at);
            }

            y = bottom + Typography.Mm(6);
            g.DrawLine(new XPen(XColors.Gray, 0.5), left, y, left + width, y);
            y += Typography.Mm(5);
            if (poster.Problems is { } problems)
            {
                var size = Typography.Mm(38);
                DrawQr(g, problems.Url, left, y, size);
                var textLeft = left + size + Typography.Mm(6);
                var textWidth = width - size - Typography.Mm(6);
                var at = Wrapped(g, "问题线索", label, textLeft, textWidth, y, centered: false);
                at = Wrapped(g, "发现教育方面的问题，可扫码向督导部门反映。线索只交督导人员核实，不交被评价的县（市、区）。", type.Font(FontRole.Body, 12), textLeft, textWidth, at + 2, centered: false);
                at = Wrapped(g, problems.Url, small, textLeft, textWidth, at + 2, centered: false);
                y = Math.Max(y + size, at) + Typography.Mm(6);
            }

            g.DrawLine(new XPen(XColors.Gray, 0.5), left, y, left + width, y);
            y += Typography.Mm(5);
            y = Wrapped(g, "说明", label, left, width, y, centered: false);
            Wrapped(g, poster.Notice, type.Font(FontRole.Body, 12), left, width, y + 2, centered: false);
        }

        ChinaTimeMetadata.Apply(document, generatedAt);
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    // The code drawn as vector squares from QRCoder's module matrix (quiet zone included): sharp at any print size, and no
    // image format in between. Each row's dark run is one rectangle.
    private static void DrawQr(XGraphics g, string url, double x, double y, double size)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCoder.QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var modules = matrix.Count;
        var cell = size / modules;
        for (var row = 0; row < modules; row++)
        {
            var bits = matrix[row];
            var column = 0;
            while (column < modules)
            {
                if (!bits[column]) { column++; continue; }
                var from = column;
                while (column < modules && bits[column]) column++;
                // A hair wider than the cell, so that neighbouring runs leave no hairline gap when rasterized.
                g.DrawRectangle(XBrushes.Black, x + (from * cell), y + (row * cell), ((column - from) * cell) + 0.05, cell + 0.05);
            }
        }
    }

    // Lines broken by the layout layer, each centred; answers the y below the last.
    private static double Centered(XGraphics g, string text, XFont font, double left, double width, double top, double pitch)
    {
        var y = top;
        foreach (var line in LineBreaker.Break(text, width, 0, s => GlyphWidths.Measure(g, s, font)))
        {
            var w = GlyphWidths.Measure(g, line.Text, font);
            g.DrawString(line.Text, font, XBrushes.Black, left + ((width - w) / 2), y + font.Size);
            y += font.Size * pitch;
        }

        return y;
    }

    private static double Wrapped(XGraphics g, string text, XFont font, double left, double width, double top, bool centered)
    {
        if (centered) return Centered(g, text, font, left, width, top, 1.3);
        var y = top;
        foreach (var paragraph in text.Split('\n'))
        {
            foreach (var line in LineBreaker.Break(paragraph, width, 0, s => GlyphWidths.Measure(g, s, font)))
            {
                g.DrawString(line.Text, font, XBrushes.Black, left, y + font.Size);
                y += font.Size * 1.45;
            }
        }

        return y;
    }
}
