using EduDuty.Application.Surveys;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace EduDuty.Web.Pages.Public;

/// <summary>
/// /public/survey/{token}/thanks, and /thanks/once when this device's sheet had been counted already (issue 31): the same for
/// everyone who gets there, so cacheable like the questionnaire.
/// </summary>
[EnableRateLimiting(SurveyDevice.RateLimitPolicy)]
[OutputCache(PolicyName = PublicSurface.OutputCachePolicy)]
public sealed class SurveyThanksModel(SurveyDoors doors) : PublicPageModel
{
    public SurveyDoor? Door { get; private set; }

    public bool Once { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, string? once, CancellationToken cancellationToken)
    {
        var found = await doors.FindAsync(token, cancellationToken);
        if (!found.IsDone)
        {
            Missing = this.Answer(found);
            return Page();
        }

        Door = found.Value;
        Once = once is not null;
        return ClientHas(PublicSurface.Tag(Door!.ETag, Once ? "once" : "thanks")) ? NotModified() : Page();
    }
}
