using System.ComponentModel.DataAnnotations;
using EduDuty.Application.Oversight;
using EduDuty.Core.Review;
using EduDuty.Web.Infrastructure;
using EduDuty.Web.Pages.Evaluations.Areas;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Oversight;

/// <summary>督导总览: a region's counties for a year at a glance, every number leading to the counties behind it.</summary>
public sealed class IndexModel(OversightQuery query, CurrentUser user) : PageModel
{
    public const int PageSize = OversightQuery.PageSize;

    public OversightView View { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    [Display(Name = "年度与方案")]
    public string? Choice { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "地区")]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "完成情况")]
    public string? Rate { get; set; }

    /// <summary>Only the counties in this state (the progress table's numbers lead here).</summary>
    [BindProperty(SupportsGet = true)]
    public CountyState? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<OversightCounty> CountyPage { get; private set; } = [];

    /// <summary>Said when the county list's page shown is not the one the address asked for (<see cref="Pager.Notice"/>).</summary>
    public string? PageNotice { get; private set; }

    public int PageCount { get; private set; } = 1;

    /// <summary>How many counties the list holds with the state filter.</summary>
    public int Listed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (year, scheme) = ExportModel.ParseChoice(Choice);
        View = await query.HandleAsync(user.Actor, year, scheme, Region, Rate, cancellationToken, State, PageNumber);
        if (View.Selection is null && View.Options.Years.Count > 0) Response.StatusCode = StatusCodes.Status404NotFound;
        (Listed, PageCount, PageNumber, CountyPage) = (View.Listed, View.PageCount, View.PageNumber, View.CountyPage);
        PageNotice = View.Selection is null ? null : Pager.Notice(Request, PageNumber, PageCount);
        return Page();
    }

    /// <summary>Where a county's failing indicator is: its row on the area page.</summary>
    public static string FieldUrl(int evaluationId, string areaKey, string code) => AreaRow.UrlOf(evaluationId, areaKey, code);

    /// <summary>This page for another region (a city of the province), keeping the year and the rate.</summary>
    public string RegionUrl(string code) => $"/Oversight?Choice={Uri.EscapeDataString(Choice ?? CurrentChoice)}&Region={code}";

    /// <summary>This page's county list in a state (all: null) at a page, keeping the year, region and rate.</summary>
    public string ListUrl(CountyState? state, int page) =>
        $"/Oversight?Choice={Uri.EscapeDataString(CurrentChoice)}&Region={Region}&Rate={Rate}{(state is { } s ? $"&State={s}" : "")}&p={page}";

    public string CurrentChoice => View.Selection is { } s ? $"{s.Year}:{s.SchemeId}" : string.Empty;

    /// <summary>The distribution's bins, judged against the rate's target (<see cref="Core.Rules.ValueBins"/>).</summary>
    public static IReadOnlyList<Core.Rules.ValueBin> Bins(Distribution distribution) =>
        Core.Rules.ValueBins.Of(distribution.Values.Select(v => v.Value).ToList(), distribution.Field.Threshold);
}
