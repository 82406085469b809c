using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Surveys;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Admin.Surveys.Rounds;

/// <summary>
/// One survey round (issue 31): each county's public doors (社会人士 / 教师 / 学生 questionnaires and 问题线索) with their links and
/// QR codes, the links as CSV or XLSX, the A4 poster per county, and closing the round early (结束调查).
/// </summary>
public sealed class RoundModel(SurveyAdministration surveys, SurveyPosters posters, CurrentUser user) : AdminPageModel(user)
{
    [BindProperty(SupportsGet = true)] [Display(Name = "调查")] public int RoundId { get; set; }

    /// <summary>The round's version the admin saw (结束调查 refuses a round changed since).</summary>
    [BindProperty] [Display(Name = "调查版本")] public int Version { get; set; }

    public SurveyRoundDetail? Round { get; private set; }

    /// <summary>A door's address: absolute when the portal's public address is known, else the path.</summary>
    public string Link(string path) => PublicSurface.AbsoluteUrl(HttpContext, path) ?? path;

    public bool HasAbsoluteLinks => PublicSurface.AbsoluteUrl(HttpContext, "/") is not null;

    public async Task<IActionResult> OnGetPosterAsync([Display(Name = "县")] int county, CancellationToken cancellationToken)
    {
        var round = await surveys.RoundAsync(RoundId, Actor, cancellationToken);
        if (!round.IsDone) return await NotDoneAsync(round, cancellationToken);
        var pdf = posters.Render(round.Value!, county, Link);
        if (!pdf.IsDone) return await NotDoneAsync(pdf, cancellationToken);
        return File(pdf.Value!, "application/pdf", SurveyPosters.FileName(round.Value!, county));
    }

    public async Task<IActionResult> OnGetLinksAsync([Display(Name = "格式")] string? format, CancellationToken cancellationToken)
    {
        var round = await surveys.RoundAsync(RoundId, Actor, cancellationToken);
        if (!round.IsDone) return await NotDoneAsync(round, cancellationToken);
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        var (content, mediaType, fileName) = SurveyPosters.Links(round.Value!, Link, xlsx);
        return File(content, mediaType, fileName);
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await surveys.CloseAsync(RoundId, Version, Actor, cancellationToken), cancellationToken);

    protected override async Task<IActionResult> RenderAsync(CancellationToken cancellationToken)
    {
        var round = await surveys.RoundAsync(RoundId, Actor, cancellationToken);
        if (!round.IsDone)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            if (Errors.Count == 0) return NotFound();
            return Page();
        }

        Round = round.Value;
        return Page();
    }
}
