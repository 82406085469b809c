using EduDuty.Application.Reports;
using EduDuty.Core.Messaging;
using EduDuty.Core.Surveys;
using EduDuty.Reporting.Layout;
using EduDuty.Reporting.Surveys;

namespace EduDuty.Application.Surveys;

/// <summary>
/// The A4 poster of one county of a round (issue 31): the survey's title and the county, the period, a QR code per group with
/// its name and link, the problem-report QR code and the survey's notice, set with the report's fonts (<see cref="ReportPdf.Fonts"/>).
/// </summary>
public sealed class SurveyPosters(ReportPdf reports, TimeProvider clock)
{
    /// <param name="link">The address printed and encoded for a door's path (absolute when the portal's address is known).</param>
    public Outcome<byte[]> Render(SurveyRoundDetail round, int countyId, Func<string, string> link)
    {
        var county = round.Counties.FirstOrDefault(c => c.Id == countyId);
        if (county is null) return Outcome.NotFound(Messages.SurveyNotFound);
        var groups = county.Doors.Where(d => d.Channel != SurveyChannel.Problems).Select(d => new PosterDoor(d.Name, link(d.Path))).ToList();
        var problems = county.Doors.Where(d => d.Channel == SurveyChannel.Problems).Select(d => new PosterDoor(d.Name, link(d.Path))).FirstOrDefault();
        var poster = new SurveyPoster(round.SurveyTitle, county.Name, round.Period, groups, problems, round.Definition.Notice);
        try
        {
            return Outcome.Done(SurveyPosterPdf.Render(poster, new Typography(reports.Fonts), clock.GetUtcNow()));
        }
        catch (ReportFontsMissingException)
        {
            return Outcome.Refused(Messages.ReportFontsMissing);
        }
    }

    /// <summary>Every door of the round as a table (县代码, 县（市、区）, 入口, 链接), as CSV or XLSX through the portal's writers.</summary>
    public static (byte[] Content, string MediaType, string FileName) Links(SurveyRoundDetail round, Func<string, string> link, bool xlsx)
    {
        string[] headers = ["县代码", "县（市、区）", "入口", "链接"];
        var rows = round.Counties.SelectMany(c => c.Doors.Select(d => (IReadOnlyList<string?>)[c.Code, c.Name, d.Name, link(d.Path)])).ToList();
        var name = $"满意度调查链接-{round.Region}-{round.Year}";
        return xlsx
            ? (Reporting.Excel.TableWorkbook.Write("调查链接", [new("县代码", 10), new("县（市、区）", 14), new("入口", 10), new("链接", 70)], rows),
                Excel.CountyWorkbookDownload.MediaType, name + ".xlsx")
            : (Exports.CsvFile.Write(headers, rows), "text/csv; charset=utf-8", name + ".csv");
    }

    /// <summary>The poster's file name: 满意度调查海报-闻喜县-2021.pdf.</summary>
    public static string FileName(SurveyRoundDetail round, int countyId) =>
        $"满意度调查海报-{round.Counties.FirstOrDefault(c => c.Id == countyId)?.Name ?? "县"}-{round.Year}.pdf";
}
