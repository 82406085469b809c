using EduDuty.Application.Reports.Publication;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Public;

/// <summary>/public/{regionCode}/{year}: a region's published reports — a province's or a city's counties by city, a county its own.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicSurface.OutputCachePolicy)]
public sealed class RegionModel(PublicReports reports) : PublicPageModel
{
    public PublicRegionList? List { get; private set; }

    public async Task<IActionResult> OnGetAsync(string regionCode, string year, CancellationToken cancellationToken)
    {
        var outcome = await reports.RegionAsync(regionCode, year, cancellationToken);
        if (!outcome.IsDone)
        {
            Missing = this.Answer(outcome);
            return Page();
        }

        List = outcome.Value;
        return ClientHas(List!.ETag) ? NotModified() : Page();
    }
}
