using EduDuty.Application.Schemes;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduDuty.Web.Api.Endpoints;

/// <summary>
/// Schemes (评价方案): the versions the token's user may use, and one described — areas, fields, units, thresholds and formulas
/// in words — by <see cref="SchemeCatalog"/>, the same reading as the scheme pages. Scope <c>read</c>.
/// </summary>
public static class SchemesEndpoints
{
    public static RouteGroupBuilder MapSchemes(this RouteGroupBuilder api)
    {
        var schemes = api.MapGroup("/schemes").WithTags("方案").RequireAuthorization(ApiPolicies.Read);

        schemes.MapGet("", async (SchemeCatalog catalog, CurrentUser user, CancellationToken ct) =>
                TypedResults.Ok(await catalog.ListAsync(user.Actor, ct)))
            .WithName("listSchemes")
            .WithSummary("列出可用的评价方案")
            .WithDescription("您所在地区可以使用的全部方案版本（按代码、版本从新到旧），含适用年度和所属地区。")
            .ProducesProblems();

        schemes.MapGet("/{code}", async Task<Results<Ok<SchemeDescription>, JsonHttpResult<ApiProblem>>> (
                    string code, int? version, SchemeCatalog catalog, CurrentUser user, HttpContext http, CancellationToken ct) =>
                ApiProblems.OkOr(await catalog.DescribeAsync(code, version, user.Actor, ct), http))
            .WithName("getScheme")
            .WithSummary("查看一个评价方案")
            .WithDescription("方案的领域、指标和数据项：单位、是否必填、达标标准、计算公式（文字）、口径说明和数据来源。version 省略时为您可用的最新版本。")
            .ProducesProblems(StatusCodes.Status404NotFound);

        return api;
    }
}
