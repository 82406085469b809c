using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Reports.Publication;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace EduDuty.Web.Pages.Evaluations.Report;

/// <summary>
/// The confirmation step of 公示 (decision 0033): the lead sees exactly what becomes public (edition, date, hash) and ticks
/// before publishing; the admin gives the reason the public page will show and ticks before withdrawing. Both go back to
/// the report page.
/// </summary>
public sealed class PublicationModel(WorkspaceLoader loader, CurrentUser user, PublicationQueries publications) : EvaluationPageModel(loader, user)
{
    public PublicationCard Card { get; private set; } = null!;

    [BindProperty]
    [Display(Name = "确认公示")]
    public bool Confirmed { get; set; }

    [BindProperty]
    [Display(Name = "撤回理由")]
    [DataType(DataType.MultilineText)]
    public string? Reason { get; set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPublishAsync(int id, [FromServices] PublishReport publish, [FromServices] IOutputCacheStore cache, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var outcome = await publish.HandleAsync(Workspace, Actor, Confirmed, cancellationToken);
        if (outcome.IsDone)
        {
            await cache.EvictByTagAsync(PublicSurface.CacheTag, cancellationToken); // the public pages show it at once
            Saved = $"已公示“{outcome.Value!.Edition.Label}”。任何人现在都可以在公开页面查看和下载。";
            return RedirectToPage("/Evaluations/Report/Index", new { id });
        }

        return await RefusedAsync(id, outcome, cancellationToken);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, [FromServices] WithdrawPublication withdraw, [FromServices] IOutputCacheStore cache, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var outcome = await withdraw.HandleAsync(Workspace, Actor, Reason, Confirmed, cancellationToken);
        if (outcome.IsDone)
        {
            await cache.EvictByTagAsync(PublicSurface.CacheTag, cancellationToken); // no copy of the withdrawn page is served from here
            Saved = $"已撤回“{outcome.Value!.Edition.Label}”的公示。公开页面现在显示撤回的日期和理由，不再提供下载。";
            return RedirectToPage("/Evaluations/Report/Index", new { id });
        }

        return await RefusedAsync(id, outcome, cancellationToken);
    }

    // The page again with the reason, under the status the outcome maps to.
    private async Task<IActionResult> RefusedAsync<T>(int id, Outcome<T> outcome, CancellationToken cancellationToken)
    {
        Error = this.Answer(outcome);
        var status = Response.StatusCode;
        await LoadAsync(id, cancellationToken);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return false;
        Card = await publications.CardAsync(Workspace, cancellationToken);
        return true;
    }
}
