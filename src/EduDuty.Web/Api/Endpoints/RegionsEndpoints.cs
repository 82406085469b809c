using EduDuty.Application;
using EduDuty.Application.Administration;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduDuty.Web.Api.Endpoints;

/// <summary>A region as the API shows it: code, name, level, parent, whether active, how many sub-regions.</summary>
/// <param name="CanChange">Whether the token's user may rename or deactivate it (an admin, strictly below their own region).</param>
/// <param name="DeleteBlocker">Why it cannot be deleted, when it cannot.</param>
public sealed record RegionDto(string Code, string Name, Core.Regions.RegionLevel Level, string? ParentCode, bool IsActive, int SubRegions, bool CanChange, string? DeleteBlocker);

/// <summary>A level of the region tree: the way down to the region, the region, and a page of its sub-regions.</summary>
public sealed record RegionLevelDto(IReadOnlyList<RegionDto> Trail, RegionDto Region, IReadOnlyList<RegionDto> Children, int Page, int PageCount, int Total);

/// <summary>A new region: its 6-digit code, its name, its parent's code.</summary>
public sealed record RegionCreateDto(string? Code, string? Name, string? ParentCode);

/// <summary>A region's new name and whether it is active.</summary>
public sealed record RegionUpdateDto(string? Name, bool? IsActive);

/// <summary>
/// Regions (地区), a level at a time, within the token user's region (the same reading as the admin's region page,
/// <see cref="RegionAdministration.BranchAsync"/>): scope <c>read</c>. Admins create and rename through the same handlers as that
/// page (<see cref="RegionAdministration.CreateAsync"/>, <see cref="RegionAdministration.UpdateAsync"/>): scope <c>admin</c>
/// and the admin role. A region outside the user's is 404, as a missing one.
/// </summary>
public static class RegionsEndpoints
{
    public static RouteGroupBuilder MapRegions(this RouteGroupBuilder api)
    {
        var regions = api.MapGroup("/regions").WithTags("地区");

        regions.MapGet("", async Task<Results<Ok<RegionLevelDto>, JsonHttpResult<ApiProblem>>> (int? page, string? q, RegionAdministration administration, CurrentUser user, HttpContext http, CancellationToken ct) =>
                ApiProblems.OkOr(await administration.BranchAsync(user.Actor, null, q, page ?? 1, ct), http, Level))
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("getOwnRegion")
            .WithSummary("查看本人所在地区及其下一级地区")
            .WithDescription("令牌用户所在的地区和它的下一级地区（每页 50 个；q 按代码开头或名称查找其下所有地区）。")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        regions.MapGet("/{code}", async Task<Results<Ok<RegionLevelDto>, JsonHttpResult<ApiProblem>>> (string code, int? page, string? q, RegionAdministration administration, CurrentUser user, HttpContext http, CancellationToken ct) =>
                ApiProblems.OkOr(await administration.BranchAsync(user.Actor, code, q, page ?? 1, ct), http, Level))
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("getRegion")
            .WithSummary("查看一个地区及其下一级地区")
            .WithDescription("一个地区（须在令牌用户的地区之内，否则为 404）、从本人地区到它的路径，以及它的下一级地区一页。")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        regions.MapPost("", async Task<Results<Created<RegionLevelDto>, JsonHttpResult<ApiProblem>>> (RegionCreateDto body, RegionAdministration administration, CurrentUser user, HttpContext http, CancellationToken ct) =>
            {
                var created = await administration.CreateAsync(body.Code, body.Name, body.ParentCode, user.Actor, ct);
                if (!created.IsDone) return ApiProblems.Of(created, http);
                var level = await administration.BranchAsync(user.Actor, body.Code?.Trim(), null, 1, ct);
                return level.IsDone ? TypedResults.Created($"{ApiPipeline.Version1}/regions/{body.Code?.Trim()}", Level(level.Value!)) : ApiProblems.Of(level, http);
            })
            .RequireAuthorization(ApiPolicies.Admin)
            .WithName("createRegion")
            .WithSummary("新增地区（管理员）")
            .WithDescription("在您管辖的地区之下新增一个地区：6 位代码、名称、上级地区代码。与管理页面“新增地区”的检查相同；代码已存在且相同时不重复新增。")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        regions.MapPatch("/{code}", async Task<Results<Ok<RegionLevelDto>, JsonHttpResult<ApiProblem>>> (string code, RegionUpdateDto body, RegionAdministration administration, CurrentUser user, HttpContext http, CancellationToken ct) =>
            {
                var current = await administration.BranchAsync(user.Actor, code, null, 1, ct);
                if (!current.IsDone) return ApiProblems.Of(current, http);
                var updated = await administration.UpdateAsync(code, body.Name ?? current.Value!.Parent.Region.Name, body.IsActive ?? current.Value!.Parent.Region.IsActive, user.Actor, ct);
                if (!updated.IsDone) return ApiProblems.Of(updated, http);
                return ApiProblems.OkOr(await administration.BranchAsync(user.Actor, code, null, 1, ct), http, Level);
            })
            .RequireAuthorization(ApiPolicies.Admin)
            .WithName("updateRegion")
            .WithSummary("修改地区名称或启用状态（管理员）")
            .WithDescription("改名或停用/启用您管辖地区之下的一个地区（不能修改本人所在的地区）。省略的字段保持不变。")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        return api;
    }

    private static RegionLevelDto Level(RegionBranch branch) => new(
        branch.Trail.Select(r => new RegionDto(r.Code, r.Name, r.Level, null, r.IsActive, 0, false, null)).ToList(),
        Dto(branch.Parent),
        branch.Children.Items.Select(Dto).ToList(),
        branch.Children.Page,
        branch.Children.PageCount,
        branch.Children.Total);

    private static RegionDto Dto(RegionNode node) => new(node.Region.Code, node.Region.Name, node.Region.Level, node.Region.Parent?.Code,
        node.Region.IsActive, node.SubRegions, node.CanChange, node.DeleteBlocker);
}
