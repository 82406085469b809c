using EduDuty.Application.Surveys;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EduDuty.Web.Pages.Public;

/// <summary>
/// /public/survey/{token}/start: the questionnaire's tiny stylesheet, never cached (decision 0058). Reading it gives the device
/// its cookie and this door its start stamp (<see cref="SurveyDevice.Start"/>); a client that never reads it sends its sheet
/// without a stamp, and the sheet is kept only as suspect (NoStart). The token's shape is checked, nothing is read from the
/// database.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SurveyDevice.RateLimitPolicy)]
public sealed class SurveyStartModel(IWebHostEnvironment environment) : PageModel
{
    public IActionResult OnGet(string token)
    {
        if (!SurveyDoors.IsWellFormed(token)) return NotFound();
        PublicSurface.NotCacheable(HttpContext);
        SurveyDevice.Start(HttpContext, token, environment.IsDevelopment());
        return Content("/* 问卷开始作答的时间已记录 */\n", "text/css; charset=utf-8");
    }
}
