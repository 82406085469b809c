using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests.Authorization;

/// <summary>One thing a client can call: an HTTP method on a route, with a Razor Pages handler name ("-" for none).</summary>
public sealed record EndpointCase(string Method, string Route, string Handler)
{
    public string Key => $"{Method} {Route} {Handler}";

    public bool HasEvaluation => Route.Contains("{id", StringComparison.Ordinal);

    /// <summary>The survey round a round page's URL names (issue 31): one the test opened (<see cref="SurveyRounds"/>), else 0 (none).</summary>
    public static int SurveyRoundId { get; set; }

    /// <summary>A county of <see cref="SurveyRoundId"/>'s round (闻喜县), for the results page of one county.</summary>
    public static int SurveyCountyId { get; set; }

    public string Url(int evaluationId)
    {
        var path = Route
            .Replace("{id:int}", evaluationId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{key}", "A10_PRESCHOOL", StringComparison.Ordinal)
            // The public pages (公示) of 山西省's 2021 evaluations: the province's list, and its /report (a 404 page: a province has none).
            .Replace("{regionCode}", "140000", StringComparison.Ordinal)
            .Replace("{year}", "2021", StringComparison.Ordinal)
            .Replace("{roundId:int}", SurveyRoundId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            // A problem report (issue 31): the evaluation's id as a report's, which no report has (404 for the supervisors,
            // refused for every other role by the folder's policy first); a public link of the right shape that opens nothing.
            .Replace("{id:long}", evaluationId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{token}", "NoSuchLinkNoSuchLink00", StringComparison.Ordinal)
            // A county of that round (闻喜县): its results page (issue 31).
            .Replace("{countyId:int}", SurveyCountyId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            // The thank-you page's optional "once" (the public questionnaire, issue 31); {token} above opens no door.
            .Replace("/{once:regex(^once$)?}", "", StringComparison.Ordinal);
        return Handler == "-" ? path : $"{path}?handler={Handler}";
    }
}

/// <summary>Every page handler and endpoint the portal maps, read from its endpoint data source (static files excluded).</summary>
public static class EndpointCatalog
{
    public static async Task<IReadOnlyList<EndpointCase>> DiscoverAsync(IServiceProvider services)
    {
        var cases = new List<EndpointCase>();
        var loader = services.GetRequiredService<PageLoader>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (route.Contains('.', StringComparison.Ordinal)) continue; // static files
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                if (route.EndsWith("/Index", StringComparison.Ordinal)) continue; // the same page under its folder route
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                {
                    cases.Add(new EndpointCase(handler.HttpMethod.ToUpperInvariant(), route, handler.Name ?? "-"));
                }
            }
            else
            {
                foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                {
                    cases.Add(new EndpointCase(method, route, "-"));
                }
            }
        }

        return cases.DistinctBy(c => c.Key).OrderBy(c => c.Route, StringComparer.Ordinal).ThenBy(c => c.Method).ThenBy(c => c.Handler).ToList();
    }
}
