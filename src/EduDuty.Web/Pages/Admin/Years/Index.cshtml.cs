using System.ComponentModel.DataAnnotations;
using EduDuty.Application.Administration;
using EduDuty.Application.Evaluations.Review;
using EduDuty.Core.Text;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Admin.Years;

/// <summary>An evaluation year: open it for every county of a region, set its deadline, see every county's state.</summary>
public sealed class IndexModel(EvaluationYears years, Deadlines deadlines, CurrentUser user) : AdminPageModel(user)
{
    [BindProperty(SupportsGet = true)] public int? SchemeId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] [Display(Name = "地区")] public string? Region { get; set; }
    [BindProperty] [Display(Name = "截止日期")] public string? Deadline { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    /// <summary>The admin ticked "确认使用这个日期" for a date that looks like a slip.</summary>
    [BindProperty] public bool DeadlineConfirmed { get; set; }

    /// <summary>The last deadline was refused only for want of the tick: the form offers it, with the date kept.</summary>
    public bool AskDeadlineConfirmation { get; private set; }

    /// <summary>Mappings of last year's fields that could not apply when the year was just opened (nothing was guessed).</summary>
    public IReadOnlyList<string> CarryProblems { get; private set; } = [];

    public YearView View { get; private set; } = YearView.Empty([], [], null, null);

    public async Task<IActionResult> OnPostOpenAsync(CancellationToken cancellationToken)
    {
        var choice = await years.ResolveAsync(Actor, SchemeId, Year, Region, cancellationToken);
        if (choice is not { IsDone: true, Value: var (schemeId, year, path) }) return await NotDoneAsync(choice, cancellationToken);
        var opening = await years.OpenAsync(schemeId, year, path, Actor, cancellationToken);
        if (opening is not { IsDone: true, Value: { } opened }) return await NotDoneAsync(opening, cancellationToken);
        Message = opened.Describe(year);
        CarryProblems = opened.Carried.Problems;
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDeadlineAsync(CancellationToken cancellationToken)
    {
        var choice = await years.ResolveAsync(Actor, SchemeId, Year, Region, cancellationToken);
        if (choice is not { IsDone: true, Value: var (schemeId, year, path) }) return await NotDoneAsync(choice, cancellationToken);
        var due = ChinaTime.ParseIsoDate(Deadline);
        var outcome = await deadlines.SetYearDeadlineAsync(schemeId, year, path, due, DeadlineConfirmed, Actor, cancellationToken);
        AskDeadlineConfirmation = outcome.Reason?.Code == Core.Messaging.Messages.DeadlineUnusualCode;
        if (!outcome.IsDone) return await NotDoneAsync(outcome, cancellationToken);
        Deadline = null;
        Message = $"{year} 年度截止日期已设为 {ChinaTime.Date(due!.Value)}。";
        return await RenderAsync(cancellationToken);
    }

    /// <summary>This page's county list at another page, for the same scheme, year and region.</summary>
    public string PageUrl(int page) => $"/Admin/Years?SchemeId={SchemeId}&Year={Year}&Region={Uri.EscapeDataString(Region ?? "")}&p={page}";

    protected override async Task<IActionResult> RenderAsync(CancellationToken cancellationToken)
    {
        View = await years.ViewAsync(Actor, SchemeId, Year, Region, PageNumber, cancellationToken);
        SchemeId = View.SchemeId;
        Year = View.Year;
        return Page();
    }
}
