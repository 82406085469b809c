using EduDuty.Application.Administration;
using EduDuty.Core.Administration;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Admin.Regions;

/// <summary>Regions: the list, one-by-one changes, and a CSV import that is previewed before it is applied.</summary>
public sealed class IndexModel(RegionAdministration regions, CurrentUser user) : AdminPageModel(user)
{
    [BindProperty] public IFormFile? Csv { get; set; }
    [BindProperty] public string? CsvText { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? ParentCode { get; set; }
    [BindProperty] public bool Active { get; set; }

    public IReadOnlyList<RegionNode> Tree { get; private set; } = [];
    public RegionPlan? Plan { get; private set; }
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (Csv is null || Csv.Length is 0 or > 1024 * 1024) return await FailAsync(["请选择 1 MB 以内的 CSV 文件（UTF-8 编码）。"], cancellationToken);
        CsvText = await Uploads.ReadUtf8Async(Csv, cancellationToken);
        if (CsvText is null) return await FailAsync(["文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8”后重试。"], cancellationToken);

        var read = RegionCsv.Read(CsvText);
        if (!read.IsValid) return await FailAsync(read.Errors, cancellationToken);
        Plan = await regions.PlanAsync(read.Rows, Actor, cancellationToken);
        if (!Plan.IsValid) return await FailAsync(Plan.Errors, cancellationToken);
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        var read = RegionCsv.Read(CsvText ?? string.Empty);
        if (!read.IsValid) return await FailAsync(read.Errors, cancellationToken);
        var plan = await regions.ImportAsync(read.Rows, Actor, cancellationToken);
        if (!plan.IsValid) return await FailAsync(plan.Errors, cancellationToken);
        Message = $"已导入 {plan.New.Count} 个地区（另有 {plan.Unchanged} 个已存在且相同）。";
        CsvText = null;
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var csv = $"{RegionCsv.Header}\n\"{Code?.Trim()}\",\"{Name?.Trim().Replace("\"", "\"\"", StringComparison.Ordinal)}\",\"{ParentCode?.Trim()}\"";
        CsvText = csv;
        return await OnPostImportAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostUpdateAsync(CancellationToken cancellationToken)
    {
        if (!await regions.IsInScopeAsync(Code, Actor, cancellationToken)) return NotFound();
        var problem = await regions.UpdateAsync(Code!, Name, Active, Actor, cancellationToken);
        if (problem is not null) return await FailAsync([problem], cancellationToken);
        Message = $"{Code} 已保存。";
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (!await regions.IsInScopeAsync(Code, Actor, cancellationToken)) return NotFound();
        var problem = await regions.DeleteAsync(Code!, Actor, cancellationToken);
        if (problem is not null) return await FailAsync([problem], cancellationToken);
        Message = $"{Code} 已删除。";
        return await RenderAsync(cancellationToken);
    }

    protected override async Task<IActionResult> RenderAsync(CancellationToken cancellationToken)
    {
        Tree = await regions.TreeAsync(Actor, cancellationToken);
        return Page();
    }
}
