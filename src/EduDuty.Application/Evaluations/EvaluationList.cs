using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Text;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations;

/// <summary>What a list of evaluations is narrowed to: a year, a region within the actor's (by its code), a state; null: all.</summary>
public sealed record EvaluationFilter(int? Year = null, string? RegionCode = null, EvaluationStatus? State = null);

/// <summary>One evaluation of a list with its stored summary: completeness, failing and warning counts.</summary>
public sealed record EvaluationRow(
    int Id, string County, string CountyCode, int Year, string SchemeTitle, EvaluationStatus Status, DateTime UpdatedAtUtc,
    DateTime? SubmittedAtUtc, DeadlineState Deadline, int RequiredFilled, int Required, int OptionalFilled, int Optional, int FailingCount,
    int WarningCount, bool Summarised);

/// <summary>
/// A page of the evaluations the actor may see, narrowed by year, region and state (the API's list, issue 29): the home page's
/// listing (<see cref="HomeQuery.Listing"/>, the same scope, order and stored summaries), two statements whatever the number of
/// counties. A region outside the actor's (or unknown) is not found; a page size outside 1..<see cref="MaxPageSize"/> is invalid.
/// </summary>
public sealed class EvaluationList(EduDutyDbContext db, StoredSchemes schemes, TimeProvider clock)
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    public async Task<Outcome<Paged<EvaluationRow>>> HandleAsync(Actor actor, EvaluationFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        if (pageSize is < 1 or > MaxPageSize) return Outcome.Invalid("pageSize", Messages.PageSizeInvalid(MaxPageSize));
        var path = actor.RegionPath;
        if (filter.RegionCode is { } code)
        {
            var region = await db.Regions.AsNoTracking().Under(r => r.Path, actor.RegionPath).Where(r => r.Code == code)
                .Select(r => r.Path).FirstOrDefaultAsync(cancellationToken);
            if (region is null) return Outcome.NotFound(Messages.RegionNotFound);
            path = region;
        }

        var scope = EvaluationClaim.Headers(db).Under(h => h.CountyPath, path);
        if (filter.Year is { } year) scope = scope.Where(h => h.Year == year);
        if (filter.State is { } state) scope = scope.Where(h => h.Status == state);
        var listed = await HomeQuery.Listing(db, scope).ToPagedAsync(page, pageSize, cancellationToken);

        var today = ChinaTime.Today(clock);
        var rows = new List<EvaluationRow>();
        foreach (var l in listed.Items)
        {
            var h = l.Header;
            var summary = l.Summary?.ToResult() ?? ResultSummary.Empty(await schemes.GetAsync(db, h.SchemeId, h.SchemeHash, cancellationToken));
            rows.Add(new EvaluationRow(h.Id, h.County, l.CountyCode, h.Year, l.SchemeTitle, h.Status, h.UpdatedAtUtc, l.SubmittedAtUtc,
                DeadlineState.Of(h.Status, h.YearDeadline, h.ExtendedTo, today), summary.RequiredFilled, summary.Required, summary.OptionalFilled,
                summary.Optional, summary.FailingCount, summary.Warnings, l.Summary is not null));
        }

        return Outcome.Done(new Paged<EvaluationRow>(rows, listed.Total, listed.Page, pageSize));
    }
}
