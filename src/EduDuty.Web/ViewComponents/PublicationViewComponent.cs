using EduDuty.Application.Evaluations;
using EduDuty.Application.Reports.Publication;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.ViewComponents;

/// <summary>The report page's 公示 card (<c>Pages/Evaluations/Report/_Publication.cshtml</c>): the state, and the lead's or the admin's step.</summary>
public sealed class PublicationViewComponent(PublicationQueries publications) : ViewComponent
{
    /// <param name="editions">The evaluation's editions, newest first, as the report page read them.</param>
    public async Task<IViewComponentResult> InvokeAsync(Workspace workspace, IReadOnlyList<Application.Reports.Editions.EditionInfo> editions) =>
        View("~/Pages/Evaluations/Report/_Publication.cshtml", new PublicationCardView(workspace.Id, await publications.CardAsync(workspace, editions, HttpContext.RequestAborted)));
}

/// <summary>The card and the evaluation it belongs to.</summary>
public sealed record PublicationCardView(int EvaluationId, PublicationCard Card);
